// Customer email: RMA updates, rollout notices, answers on support tickets.
import { money, day, firstName, emailOf, DAY } from "../format";
import { ACCOUNTS, type Account } from "./crm";
import { COMPANY, step, type Risk, type Template, type TemplateContext } from "../company";

type Topic = { key: string; subject: (p: EmailParams) => string; risk: Risk; body: (p: EmailParams, rough: boolean) => string[] };
type EmailParams = { first: string; account: string; ticket: number; units: number; date: string; robot: string; signer: string; amount: string };

const TOPICS: Topic[] = [
  {
    key: "rma",
    subject: (p) => `RMA approved: replacement drive unit for ${p.robot}`,
    risk: "medium",
    body: (p, rough) => [
      `Hi ${p.first},`,
      "",
      `Thanks for the diagnostics log on ticket #${p.ticket}. We have approved the RMA for the drive unit on ${p.robot}.`,
      rough ? "A replacement will ship soon." : `A replacement ships from our Reno depot on ${p.date} with a prepaid return label in the box.`,
      "",
      "Until it arrives you can keep the robot in service at reduced speed (Settings > Motion > Limp mode).",
      "",
      rough ? "Thanks," : "Sorry for the disruption, and thanks for your patience,",
      p.signer,
    ],
  },
  {
    key: "firmware",
    subject: (p) => `Firmware 4.2 rollout for your fleet on ${p.date}`,
    risk: "medium",
    body: (p, rough) => [
      `Hi ${p.first},`,
      "",
      `We plan to roll firmware 4.2 out to your ${p.units} robots on ${p.date}${rough ? "." : ", in the quiet window your team picked (02:00-04:00 local)."}`,
      "The update improves obstacle detection near reflective surfaces and cuts charging time by about 8%.",
      "",
      "Robots update one aisle at a time, so no more than 10% of the fleet is offline at once.",
      rough ? "" : "If the date does not suit you, reply to this email and we will move it.",
      "",
      "Best,",
      p.signer,
    ],
  },
  {
    key: "lidar",
    subject: () => `Lidar calibration drift: steps to try`,
    risk: "low",
    body: (p, rough) => [
      `Hi ${p.first},`,
      "",
      `About ticket #${p.ticket}: the drift you see on ${p.robot} usually comes from a dusty front window after floor sweeping.`,
      "",
      "1. Wipe the lidar window with the microfibre cloth from the maintenance kit.",
      "2. Run Settings > Sensors > Recalibrate with the robot at the charging dock.",
      rough ? "3. Tell us if that didn't work." : "3. If the drift is still above 2 cm, send us the calibration report from the same screen.",
      "",
      "Thanks,",
      p.signer,
    ],
  },
  {
    key: "shipment",
    subject: () => `Update on your spare parts order`,
    risk: "medium",
    body: (p, rough) => [
      `Hi ${p.first},`,
      "",
      rough
        ? `Your spare parts order is delayed.`
        : `I'm sorry: your spare parts order (ticket #${p.ticket}) missed its ship date because a supplier delivered short on caster wheels.`,
      `The new ship date is ${p.date}. We have upgraded the shipment to express at no cost.`,
      "",
      "If any robot is down waiting for these parts, tell me and we will send a loaner.",
      "",
      "Regards,",
      p.signer,
    ],
  },
  {
    key: "training",
    subject: (p) => `Operator training dates for ${p.account}`,
    risk: "low",
    body: (p, rough) => [
      `Hi ${p.first},`,
      "",
      `Here are the onboarding sessions for your operators, starting ${p.date}:`,
      "",
      "- Day 1: safety zones, e-stops and charging (2 hours)",
      "- Day 2: mission planning in the fleet console (3 hours)",
      rough ? "" : "- Day 3: troubleshooting and first-line maintenance (2 hours)",
      "",
      "Each session takes up to 12 people. Please send the attendee list by the end of the week.",
      "",
      "See you soon,",
      p.signer,
    ],
  },
  {
    key: "invoice",
    subject: () => `Your question about the service invoice`,
    risk: "medium",
    body: (p, rough) => [
      `Hi ${p.first},`,
      "",
      `The ${p.amount} line on this month's invoice is the pro-rated subscription for the ${p.units > 10 ? "additional" : "replacement"} robots that went live mid-month.`,
      rough ? "It is correct." : "It is billed once; from next month it is part of the regular subscription amount.",
      "",
      "Happy to walk through it on a call if that helps.",
      "",
      "Best regards,",
      p.signer,
    ],
  },
  {
    key: "safety",
    subject: () => `Safety notice: battery connector inspection`,
    risk: "high",
    body: (p, rough) => [
      `Hi ${p.first},`,
      "",
      `We found that a batch of battery connectors on AMR-200 units built in March can loosen over time. ${p.units} of your robots are in that batch.`,
      "",
      rough
        ? "Please inspect them."
        : `Please take those robots out of service for a 10-minute inspection before ${p.date}; the steps and the list of serial numbers are attached.`,
      "No incidents have been reported, and a field engineer can do the inspection for you at no cost.",
      "",
      "Thank you,",
      p.signer,
    ],
  },
];

function emailParams(c: TemplateContext, a: Account): EmailParams {
  const { rng } = c;
  return {
    first: a.contact.startsWith("Dr. ") ? `Dr. ${a.contact.split(" ").at(-1)}` : firstName(a.contact),
    account: a.name,
    ticket: rng.int(48_000, 52_999),
    units: rng.int(3, 48),
    date: day(new Date(c.createdAt.getTime() + rng.int(2, 14) * DAY)),
    robot: `AMR-200 #${rng.int(100, 999)}`,
    signer: c.actorIsPerson ? `${c.actorName}\n${COMPANY} Customer Success` : `${COMPANY} Support`,
    amount: money(rng.int(800, 9_000)),
  };
}

function contactEmail(a: Account): string {
  return emailOf(a.contact.replace(/^Dr\. /, ""), a.domain);
}

const HELPDESK = "https://support.northwind-robotics.example/tickets";

export const sendEmail: Template = {
  weight: 5,
  build: (c) => {
    const { rng } = c;
    const a = rng.pick(ACCOUNTS);
    const topic = rng.pick(TOPICS);
    const p = emailParams(c, a);
    const revise = rng.chance(0.35);
    const body = (rough: boolean) =>
      topic
        .body(p, rough)
        .filter((line, i, all) => !(line === "" && all[i - 1] === ""))
        .join("\n");
    const draftId = `draft_${rng.hex(8)}`;
    const to = contactEmail(a);
    const subject = topic.subject(p);
    const recipients = topic.key === "safety" ? rng.int(3, 9) : 1;
    return {
      intent: "send_customer_email",
      title: revise ? `Send revised draft to ${a.contact} (${a.name}): ${subject}` : `Email ${a.contact} at ${a.name}: ${subject}`,
      summary: revise
        ? `${c.actorIsPerson ? c.actorName : "Support"} started this draft; the agent tightened it and filled in the ticket details.`
        : `Reply on ticket #${p.ticket}${recipients > 1 ? `, to ${recipients} contacts at ${a.name}` : ""}.`,
      risk: recipients > 1 ? "critical" : topic.risk,
      scopes: ["support:read", "email:read", "email:write:draft", "email:commit"],
      inputs: { to, subject, ticket: p.ticket, recipients },
      plan: [
        step("Read the ticket and customer history", "support.get_ticket", "support:read", { ticket: p.ticket }),
        ...(rng.chance(0.4) ? [step("Read the earlier thread", "email.get_thread", "email:read", { ticket: p.ticket })] : []),
        step(revise ? "Revise the existing draft" : "Compose the draft", revise ? "email.update_draft" : "email.create_draft", "email:write:draft", { draft_id: draftId, to }),
        step("Send the email", "email.send", "email:commit", { draft_id: draftId }),
      ],
      changes: [
        {
          target: { type: "email_draft", id: draftId, label: `To ${a.contact} <${to}>: ${subject}` },
          format: "text",
          before: revise ? body(true) : "",
          after: body(false),
        },
      ],
      artifacts: [{ type: "support_ticket", id: String(p.ticket), url: `${HELPDESK}/${p.ticket}` }],
      result: { message_id: `<${rng.hex(16)}@mail.northwind-robotics.example>`, recipients },
      failure: { code: "smtp_550", message: "SMTP 550: recipient mailbox unavailable" },
    };
  },
};

export const draftReply: Template = {
  weight: 1,
  build: (c) => {
    const { rng } = c;
    const a = rng.pick(ACCOUNTS);
    const topic = rng.pick(TOPICS.filter((t) => t.risk !== "high"));
    const p = emailParams(c, a);
    const draftId = `draft_${rng.hex(8)}`;
    const to = contactEmail(a);
    return {
      intent: "draft_customer_reply",
      title: `Draft reply to ${a.contact} (${a.name}): ${topic.subject(p)}`,
      summary: `Draft only; a person sends it from the helpdesk.`,
      risk: "low",
      scopes: ["support:read", "email:write:draft"],
      inputs: { to, ticket: p.ticket },
      plan: [
        step("Read the ticket", "support.get_ticket", "support:read", { ticket: p.ticket }),
        step("Create the draft", "email.create_draft", "email:write:draft", { draft_id: draftId, to }),
      ],
      changes: [
        {
          target: { type: "email_draft", id: draftId, label: `To ${a.contact} <${to}>` },
          format: "text",
          before: "",
          after: topic.body(p, false).filter((line, i, all) => !(line === "" && all[i - 1] === "")).join("\n"),
        },
      ],
      result: { draft_id: draftId },
      failure: { code: "helpdesk_error", message: "Helpdesk API returned 500 creating the draft" },
    };
  },
};


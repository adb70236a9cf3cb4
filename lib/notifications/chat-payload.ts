// Chat messages for a queue's incoming webhook: Slack Block Kit, a Microsoft
// Teams Adaptive Card, or plain JSON for anything else. A posted proposal
// carries Approve / Reject buttons only in Slack and only when interactivity is
// configured (SLACK_SIGNING_SECRET); the buttons post to Countersign's
// interactivity endpoint, signed by Slack, never to a GET link.
import { factFields, type ProposalFacts } from "@/lib/notifications/proposal-facts";
import { proposalUrl } from "@/lib/notifications/proposal-link";

export const CHAT_FORMATS = ["slack", "teams", "json"] as const;
export type ChatFormat = (typeof CHAT_FORMATS)[number];

export const SLACK_APPROVE = "countersign_approve";
export const SLACK_REJECT = "countersign_reject";

export type Outcome = { status: string; by: string | null; reason: string | null; via?: string };

/** Slack mrkdwn: &, < and > are control characters, so an agent's title cannot inject links or mentions. */
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function outcomeLine(o: Outcome): string {
  const verb = o.status === "approved" ? "Approved" : o.status === "rejected" ? "Rejected" : o.status[0]!.toUpperCase() + o.status.slice(1);
  return `${verb}${o.by ? ` by ${o.by}` : ""}${o.via ? ` via ${o.via}` : ""}${o.reason ? `: ${o.reason}` : ""}`;
}

export function slackBlocks(p: ProposalFacts, options: { interactive: boolean; outcome?: Outcome }): { text: string; blocks: unknown[] } {
  const url = proposalUrl(p.id);
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: p.title.slice(0, 150), emoji: false } },
    {
      type: "section",
      fields: factFields(p).slice(0, 10).map(([k, v]) => ({ type: "mrkdwn", text: `*${slackEscape(k)}*\n${slackEscape(v)}` })),
    },
  ];
  if (options.outcome) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: slackEscape(outcomeLine(options.outcome)) }] });
    blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in Countersign" }, url, action_id: "countersign_open" }] });
  } else {
    const value = JSON.stringify({ p: p.id, v: p.version });
    blocks.push({
      type: "actions",
      block_id: "countersign_decide",
      elements: [
        ...(options.interactive
          ? [
              { type: "button", style: "primary", text: { type: "plain_text", text: "Approve" }, action_id: SLACK_APPROVE, value },
              { type: "button", style: "danger", text: { type: "plain_text", text: "Reject…" }, action_id: SLACK_REJECT, value },
            ]
          : []),
        { type: "button", text: { type: "plain_text", text: "Open in Countersign" }, url, action_id: "countersign_open" },
      ],
    });
  }
  const text = options.outcome ? `${outcomeLine(options.outcome)}: ${p.title}` : `New proposal (${p.risk} risk): ${p.title}`;
  return { text: slackEscape(text), blocks };
}

function teamsCard(p: ProposalFacts, outcome?: Outcome): unknown {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", size: "Medium", weight: "Bolder", wrap: true, text: p.title },
            ...(outcome ? [{ type: "TextBlock", wrap: true, text: outcomeLine(outcome) }] : []),
            { type: "FactSet", facts: factFields(p).map(([title, value]) => ({ title, value })) },
          ],
          actions: [{ type: "Action.OpenUrl", title: "Open in Countersign", url: proposalUrl(p.id) }],
        },
      },
    ],
  };
}

function jsonBody(p: ProposalFacts, outcome?: Outcome): unknown {
  return {
    event: outcome ? `proposal.${outcome.status}` : "proposal.pending",
    proposal: {
      id: p.id,
      title: p.title,
      agent: p.agent,
      acting_for: p.actingFor,
      queue: p.queue,
      tier: p.tier,
      risk: p.risk,
      amounts: Object.fromEntries(p.amounts.map((a) => [a.name, a.value])),
      url: proposalUrl(p.id),
    },
    ...(outcome ? { decision: { outcome: outcome.status, decided_by: outcome.by, reason: outcome.reason } } : {}),
  };
}

/** The body posted to a queue's chat webhook for a new proposal, or (with `outcome`) the follow-up when it is decided. */
export function chatBody(format: ChatFormat, p: ProposalFacts, options: { interactive: boolean; outcome?: Outcome }): unknown {
  if (format === "teams") return teamsCard(p, options.outcome);
  if (format === "json") return jsonBody(p, options.outcome);
  return slackBlocks(p, options);
}

// Demo data for `npm run db:seed`: the people, queues and agents of a made-up
// company (Northwind Robotics, which builds warehouse robots) and templates for
// the proposals its agents send. Everything random comes from a seeded
// generator, so every seed tells the same story.
import type { Envelope, PlanStep, Change } from "@/lib/proposals/envelope";

// ---------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast, good enough for demo data, and reproducible. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
  hex(length: number): string {
    let out = "";
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
  /** A version-4-shaped UUID drawn from this generator. */
  uuid(): string {
    const h = this.hex(32).split("");
    h[12] = "4";
    h[16] = "89ab"[parseInt(h[16]!, 16) % 4]!;
    const s = h.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

// ---------------------------------------------------------------------------
// Formatting helpers

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

function grouped(n: number): string {
  return Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function fixed(amount: number): string {
  return amount.toFixed(2);
}
function money(amount: number, currency = "USD"): string {
  const symbol = currency === "EUR" ? "€" : currency === "GBP" ? "£" : "$";
  const [whole, cents] = amount.toFixed(2).split(".");
  return `${symbol}${grouped(Number(whole))}.${cents}`;
}
function dollars(amount: number): string {
  return `$${grouped(amount)}`;
}
function day(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
}
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
function firstName(name: string): string {
  return name.split(" ")[0]!;
}
function emailOf(name: string, domain: string): string {
  return `${name.toLowerCase().replace(/[^a-z ]/g, "").replace(/ /g, ".")}@${domain}`;
}

// ---------------------------------------------------------------------------
// People, queues, agents

export const COMPANY = "Northwind Robotics";
export const DEMO_PASSWORD = "countersign-demo";

export type DemoUser = { key: string; email: string; name: string; role: "viewer" | "approver" | "admin"; title: string };

export const USERS: DemoUser[] = [
  { key: "ada", email: "admin@countersign.dev", name: "Ada Admin", role: "admin", title: "IT administrator" },
  { key: "dana", email: "dana@countersign.dev", name: "Dana Ops", role: "approver", title: "Finance operations lead" },
  { key: "sam", email: "sam@countersign.dev", name: "Sam Rivera", role: "approver", title: "Security and IT approver" },
  { key: "vic", email: "vic@countersign.dev", name: "Vic Auditor", role: "viewer", title: "Internal audit" },
  { key: "priya", email: "priya@countersign.dev", name: "Priya Shah", role: "viewer", title: "Controller" },
  { key: "marcus", email: "marcus@countersign.dev", name: "Marcus Lee", role: "viewer", title: "Head of platform engineering" },
  { key: "lena", email: "lena@countersign.dev", name: "Lena Fischer", role: "viewer", title: "Customer success lead" },
];

/** Who decides commit-tier proposals, and how often. */
export const DECIDERS: ReadonlyArray<readonly [string, number]> = [
  ["dana", 45],
  ["sam", 40],
  ["ada", 15],
];

/** `domains`: the scope domains the queue governs; each workflow's agent proposes only within them. */
export type DemoQueue = { slug: string; name: string; description: string; domains: string[]; defaultTtlSeconds?: number };
export type DemoAgent = { name: string; sponsor: string; scopes: string[]; model: string; versions: [string, string] };

/** An actor the agent acts for: a demo user (by key) or a service/team. */
export type ActorChoice =
  | { user: string }
  | { type: "service" | "team"; id: string; name: string; email?: string };

export type Risk = "low" | "medium" | "high" | "critical";

/** The content of one proposal; the seed adds actor, agent run, trace and expiry. */
export type Draft = {
  intent: string;
  title: string;
  summary?: string;
  risk: Risk;
  scopes: string[];
  inputs?: Envelope["inputs"];
  plan: PlanStep[];
  changes?: Change[];
  artifacts?: NonNullable<Envelope["artifacts"]>;
  /** What the agent reports when it carried the action out. */
  result: Record<string, unknown>;
  /** What the agent reports when carrying it out failed. */
  failure: { code: string; message: string };
};

export type TemplateContext = { rng: Rng; createdAt: Date; actorName: string; actorIsPerson: boolean };
export type Template = { weight: number; build: (c: TemplateContext) => Draft };

export type Workflow = {
  queue: DemoQueue;
  agent: DemoAgent;
  /** How many of the demo proposals land in this queue. */
  count: number;
  /** Share of proposals that are read / write:draft tier (approved by policy). */
  nonCommitShare: number;
  actors: ReadonlyArray<readonly [ActorChoice, number]>;
  commit: Template[];
  nonCommit: Template[];
  rejectReasons: string[];
  approvalNotes: string[];
  cancelReasons: string[];
};

function step(title: string, tool: string, scope: string, args: PlanStep["args"]): PlanStep {
  return { title, tool, scope, args };
}

// ---------------------------------------------------------------------------
// Accounts payable

type Vendor = { id: string; name: string; currency: string; min: number; max: number; what: string; prefix: string; recurring?: boolean };

const VENDORS: Vendor[] = [
  { id: "v_1001", name: "Acme Corp", currency: "USD", min: 2_000, max: 18_000, what: "fasteners and enclosures", prefix: "INV-" },
  { id: "v_1002", name: "Baltic Bearings GmbH", currency: "EUR", min: 4_000, max: 40_000, what: "precision bearings", prefix: "BB-2025-" },
  { id: "v_1003", name: "Keystone Servo Supply", currency: "USD", min: 8_000, max: 95_000, what: "servo motors", prefix: "KSS" },
  { id: "v_1004", name: "Lumen Optics Ltd", currency: "GBP", min: 3_000, max: 30_000, what: "lidar optics", prefix: "LO-" },
  { id: "v_1005", name: "Cascade Machining", currency: "USD", min: 1_500, max: 22_000, what: "machined chassis parts", prefix: "CM-" },
  { id: "v_1006", name: "Helix Cable & Wire", currency: "USD", min: 600, max: 9_000, what: "wiring harnesses", prefix: "HX" },
  { id: "v_1007", name: "Northstar Freight", currency: "USD", min: 900, max: 14_000, what: "inbound freight", prefix: "NSF-" },
  { id: "v_1008", name: "Orbital Cloud Hosting", currency: "USD", min: 11_000, max: 48_000, what: "cloud hosting", prefix: "OCH-", recurring: true },
  { id: "v_1009", name: "Quarry Office Supplies", currency: "USD", min: 120, max: 1_800, what: "office supplies", prefix: "Q" },
  { id: "v_1010", name: "Redline Calibration Services", currency: "USD", min: 2_500, max: 12_000, what: "sensor calibration", prefix: "RCS-" },
  { id: "v_1011", name: "Sable Packaging Co.", currency: "USD", min: 1_200, max: 16_000, what: "shipping crates and foam", prefix: "SP" },
  { id: "v_1012", name: "Tidewater Electric", currency: "USD", min: 3_000, max: 9_500, what: "factory electricity", prefix: "TE-", recurring: true },
  { id: "v_1013", name: "Vantage Legal LLP", currency: "USD", min: 6_000, max: 60_000, what: "legal services", prefix: "VL" },
  { id: "v_1014", name: "Brightline Staffing", currency: "USD", min: 9_000, max: 70_000, what: "contract assembly technicians", prefix: "BLS-", recurring: true },
];

const ERP = "https://erp.northwind-robotics.example";

function apRisk(amount: number): Risk {
  return amount >= 50_000 ? "critical" : amount >= 10_000 ? "high" : amount >= 2_000 ? "medium" : "low";
}

function bill(rng: Rng) {
  const vendor = rng.pick(VENDORS);
  const cents = rng.chance(0.3) ? 0 : rng.int(0, 99) / 100;
  const amount = Math.round(rng.between(vendor.min, vendor.max)) + cents;
  return {
    vendor,
    amount,
    invoice: `${vendor.prefix}${rng.int(1000, 9999)}`,
    billId: `bill_${rng.int(10_000, 99_999)}`,
    po: `PO-${rng.int(7000, 8999)}`,
  };
}

const payVendorBill: Template = {
  weight: 7,
  build: ({ rng, createdAt }) => {
    const b = bill(rng);
    const { vendor, amount } = b;
    const dueIn = rng.int(1, 12);
    const payId = `pay_draft_${rng.int(100, 999)}`;
    const summary = vendor.recurring
      ? `Recurring ${vendor.what} invoice; amount within ${rng.int(1, 4)}% of last month. Due ${day(new Date(createdAt.getTime() + dueIn * DAY))}.`
      : rng.pick([
          `Invoice matches ${b.po} and the goods receipt; due in ${dueIn} days.`,
          `Three-way match passed (${b.po}, receiving report RR-${rng.int(300, 999)}, invoice). Net 30, due in ${dueIn} days.`,
          `Matches ${b.po} for ${vendor.what}; vendor bank details unchanged since onboarding.`,
        ]);
    const plan: PlanStep[] = [];
    if (rng.chance(0.35)) {
      plan.push(step("Check the vendor's bank details have not changed", "ap.verify_vendor_bank", "ap:read", { vendor_id: vendor.id }));
    }
    plan.push(
      step("Match invoice to PO and receipt", "ap.match_invoice", "ap:read", { invoice: b.invoice, po: b.po }),
      step("Create draft payment", "ap.create_draft_payment", "ap:write:draft", { bill_id: b.billId, amount: fixed(amount), currency: vendor.currency }),
      step("Release payment", "ap.release_payment", "ap:commit", { payment_id: payId, method: vendor.currency === "USD" ? "ach" : "wire" }),
    );
    const changes: Change[] = [
      {
        target: { type: "vendor_bill", id: b.billId, label: `${vendor.name} ${b.invoice}` },
        fields: [
          { path: "status", before: "approved", after: "paid" },
          { path: "paid_amount", before: "0.00", after: fixed(amount) },
          ...(rng.chance(0.4) ? [{ path: "payment_method", before: null, after: vendor.currency === "USD" ? "ACH" : "SWIFT wire" }] : []),
        ],
      },
    ];
    if (rng.chance(0.35)) {
      changes.push({
        target: { type: "remittance_advice", id: `ra_${rng.int(1000, 9999)}`, label: `Remittance advice to ${vendor.name}` },
        format: "text",
        before: "",
        after: [
          `Hello ${vendor.name} team,`,
          "",
          `We have released payment of ${money(amount, vendor.currency)} for invoice ${b.invoice} (our ${b.po}).`,
          `Expect the funds within ${vendor.currency === "USD" ? "1-2" : "2-3"} business days.`,
          "",
          "Regards,",
          `${COMPANY} Accounts Payable`,
        ].join("\n"),
      });
    }
    const artifacts: Draft["artifacts"] = [{ type: "draft_payment", id: payId, url: `${ERP}/ap/payments/${payId}` }];
    if (rng.chance(0.5)) artifacts.push({ type: "invoice_pdf", id: b.invoice, url: `${ERP}/ap/bills/${b.billId}/invoice.pdf`, label: `${b.invoice}.pdf` });
    return {
      intent: "pay_vendor_bill",
      title: `Pay ${vendor.name} invoice ${b.invoice} (${money(amount, vendor.currency)})`,
      summary,
      risk: apRisk(amount),
      scopes: ["ap:read", "ap:write:draft", "ap:commit"],
      inputs: { vendor_id: vendor.id, invoice: b.invoice, amount: fixed(amount), currency: vendor.currency, po: b.po },
      plan,
      changes,
      artifacts,
      result: { payment_id: `pay_${rng.int(10_000, 99_999)}`, bank_reference: `${vendor.currency === "USD" ? "ACH" : "SWIFT"}${rng.hex(10).toUpperCase()}` },
      failure: rng.pick([
        { code: "erp_conflict", message: "ERP returned 409: the bill is already marked paid" },
        { code: "bank_rejected", message: "Bank rejected the transfer: beneficiary account closed" },
        { code: "insufficient_funds", message: "Operating account below the payment floor; payment held by the bank" },
      ]),
    };
  },
};

const payWithDiscount: Template = {
  weight: 2,
  build: ({ rng, createdAt }) => {
    const b = bill(rng);
    const discount = Math.round(b.amount * 0.02 * 100) / 100;
    const pay = Math.round((b.amount - discount) * 100) / 100;
    const payId = `pay_draft_${rng.int(100, 999)}`;
    const by = new Date(createdAt.getTime() + rng.int(1, 4) * DAY);
    return {
      intent: "pay_vendor_bill_early",
      title: `Pay ${b.vendor.name} ${b.invoice} early for 2% discount (${money(pay, b.vendor.currency)})`,
      summary: `Terms 2/10 net 30: paying by ${day(by)} saves ${money(discount, b.vendor.currency)}. Matches ${b.po}.`,
      risk: apRisk(pay),
      scopes: ["ap:read", "ap:write:draft", "ap:commit"],
      inputs: { vendor_id: b.vendor.id, invoice: b.invoice, amount: fixed(b.amount), discount: fixed(discount), currency: b.vendor.currency, pay_by: isoDay(by) },
      plan: [
        step("Confirm discount terms on the vendor record", "ap.get_vendor_terms", "ap:read", { vendor_id: b.vendor.id }),
        step("Create discounted draft payment", "ap.create_draft_payment", "ap:write:draft", { bill_id: b.billId, amount: fixed(pay), discount: fixed(discount) }),
        step("Release payment", "ap.release_payment", "ap:commit", { payment_id: payId }),
      ],
      changes: [
        {
          target: { type: "vendor_bill", id: b.billId, label: `${b.vendor.name} ${b.invoice}` },
          fields: [
            { path: "status", before: "approved", after: "paid" },
            { path: "paid_amount", before: "0.00", after: fixed(pay) },
            { path: "discount_taken", before: "0.00", after: fixed(discount) },
          ],
        },
      ],
      artifacts: [{ type: "draft_payment", id: payId, url: `${ERP}/ap/payments/${payId}` }],
      result: { payment_id: `pay_${rng.int(10_000, 99_999)}`, discount_taken: fixed(discount) },
      failure: { code: "discount_window_closed", message: "Vendor portal rejected the discount: the 10-day window had closed" },
    };
  },
};

const voidDuplicateBill: Template = {
  weight: 1,
  build: ({ rng }) => {
    const b = bill(rng);
    const original = `bill_${rng.int(10_000, 99_999)}`;
    return {
      intent: "void_duplicate_bill",
      title: `Void duplicate bill ${b.invoice} from ${b.vendor.name}`,
      summary: `Same invoice number, amount (${money(b.amount, b.vendor.currency)}) and PO as ${original}, entered twice from the AP inbox.`,
      risk: "medium",
      scopes: ["ap:read", "ap:commit"],
      inputs: { vendor_id: b.vendor.id, invoice: b.invoice, duplicate_of: original },
      plan: [
        step("Find bills with the same invoice number", "ap.search_bills", "ap:read", { vendor_id: b.vendor.id, invoice: b.invoice }),
        step("Void the duplicate bill", "ap.void_bill", "ap:commit", { bill_id: b.billId, reason: "duplicate" }),
      ],
      changes: [
        {
          target: { type: "vendor_bill", id: b.billId, label: `${b.vendor.name} ${b.invoice} (duplicate)` },
          fields: [
            { path: "status", before: "open", after: "void" },
            { path: "void_reason", before: null, after: `duplicate of ${original}` },
          ],
        },
      ],
      result: { voided: b.billId },
      failure: { code: "bill_locked", message: "Bill is in a closed accounting period and cannot be voided" },
    };
  },
};

const updateVendorBank: Template = {
  weight: 1,
  build: ({ rng }) => {
    const vendor = rng.pick(VENDORS);
    const oldLast4 = String(rng.int(1000, 9999));
    const newLast4 = String(rng.int(1000, 9999));
    return {
      intent: "update_vendor_bank_details",
      title: `Change ${vendor.name} remittance bank account (…${oldLast4} → …${newLast4})`,
      summary: `Vendor sent new bank details on letterhead. Call-back to the number on file confirmed the change (ticket AP-${rng.int(200, 999)}).`,
      risk: "critical",
      scopes: ["ap:read", "ap:commit"],
      inputs: { vendor_id: vendor.id, callback_verified: true, ticket: `AP-${rng.int(200, 999)}` },
      plan: [
        step("Load vendor record and payment history", "ap.get_vendor", "ap:read", { vendor_id: vendor.id }),
        step("Check the call-back log", "ap.get_callback_log", "ap:read", { vendor_id: vendor.id }),
        step("Update remittance bank account", "ap.update_vendor_bank", "ap:commit", { vendor_id: vendor.id, account_last4: newLast4 }),
      ],
      changes: [
        {
          target: { type: "vendor", id: vendor.id, label: vendor.name },
          fields: [
            { path: "bank_account_last4", before: oldLast4, after: newLast4 },
            { path: "bank_verified_by_callback", before: false, after: true },
          ],
        },
      ],
      result: { vendor_id: vendor.id, bank_account_last4: newLast4 },
      failure: { code: "validation_failed", message: "ERP rejected the IBAN checksum" },
    };
  },
};

const createDraftBill: Template = {
  weight: 3,
  build: ({ rng, createdAt }) => {
    const b = bill(rng);
    const due = new Date(createdAt.getTime() + rng.int(10, 30) * DAY);
    return {
      intent: "create_draft_bill",
      title: `Draft bill from emailed invoice ${b.invoice} (${b.vendor.name}, ${money(b.amount, b.vendor.currency)})`,
      summary: `Parsed from the AP inbox; ${b.vendor.what}, ${b.po}.`,
      risk: "low",
      scopes: ["ap:read", "ap:write:draft"],
      inputs: { vendor_id: b.vendor.id, invoice: b.invoice, amount: fixed(b.amount), currency: b.vendor.currency },
      plan: [
        step("Extract invoice fields from the PDF", "ap.extract_invoice", "ap:read", { message_id: `msg_${rng.hex(10)}` }),
        step("Create draft bill", "ap.create_draft_bill", "ap:write:draft", { vendor_id: b.vendor.id, invoice: b.invoice, amount: fixed(b.amount) }),
      ],
      changes: [
        {
          target: { type: "vendor_bill", id: b.billId, label: `${b.vendor.name} ${b.invoice}` },
          fields: [
            { path: "status", before: null, after: "draft" },
            { path: "amount", before: null, after: fixed(b.amount) },
            { path: "due_date", before: null, after: isoDay(due) },
            { path: "po", before: null, after: b.po },
          ],
        },
      ],
      result: { bill_id: b.billId },
      failure: { code: "parse_failed", message: "Could not read the invoice total from the PDF" },
    };
  },
};

const summarizeAging: Template = {
  weight: 1,
  build: ({ rng, createdAt }) => ({
    intent: "summarize_ap_aging",
    title: `Summarize AP aging as of ${day(createdAt)}`,
    risk: "low",
    scopes: ["ap:read"],
    inputs: { as_of: isoDay(createdAt), buckets: ["current", "1-30", "31-60", "61-90", "90+"] },
    plan: [
      step("Pull open bills", "ap.list_open_bills", "ap:read", { as_of: isoDay(createdAt) }),
      step("Group by vendor and aging bucket", "ap.aging_report", "ap:read", { format: "summary" }),
    ],
    result: { open_bills: rng.int(40, 120), total_open: fixed(rng.between(180_000, 640_000)) },
    failure: { code: "timeout", message: "ERP report timed out after 60s" },
  }),
};

// ---------------------------------------------------------------------------
// Access requests

type Employee = { name: string; email: string; team: string; contractor?: boolean };
const EMPLOYEES: Employee[] = [
  ["Jordan Kim", "Platform"],
  ["Ava Thompson", "Finance"],
  ["Mateo Alvarez", "Field Engineering"],
  ["Noor Haddad", "Data"],
  ["Ethan Brooks", "Sales"],
  ["Yuki Tanaka", "Robotics Software"],
  ["Olivia Chen", "Support"],
  ["Kwame Mensah", "SRE"],
  ["Sofia Rossi", "Security"],
  ["Liam O'Connor", "Manufacturing"],
  ["Hannah Weber", "Finance"],
  ["Ravi Patel", "Robotics Software"],
  ["Chloe Martin", "Sales Ops"],
].map(([name, team]) => ({ name: name!, team: team!, email: emailOf(name!, "countersign.dev") }));
EMPLOYEES.push({ name: "Samir Nasser", team: "contractor, Tessellate Labs", email: "samir.nasser@tessellate-labs.example", contractor: true });

type System = { id: string; name: string; roles: ReadonlyArray<readonly [string, Risk]> };
const SYSTEMS: System[] = [
  { id: "aws-prod", name: "AWS production", roles: [["ReadOnly", "low"], ["PowerUser", "high"], ["AdministratorAccess", "critical"]] },
  { id: "github", name: "GitHub (northwind-robotics org)", roles: [["member", "low"], ["maintainer", "medium"], ["owner", "critical"]] },
  { id: "salesforce", name: "Salesforce", roles: [["Standard User", "low"], ["Sales Ops Admin", "high"]] },
  { id: "netsuite", name: "NetSuite", roles: [["AP Clerk", "medium"], ["Controller", "high"]] },
  { id: "snowflake", name: "Snowflake", roles: [["ANALYST", "low"], ["SYSADMIN", "critical"]] },
  { id: "datadog", name: "Datadog", roles: [["Standard", "low"], ["Admin", "high"]] },
  { id: "pagerduty", name: "PagerDuty", roles: [["Responder", "low"], ["Manager", "medium"]] },
  { id: "okta", name: "Okta", roles: [["Read-only Admin", "medium"], ["Help Desk Admin", "high"]] },
  { id: "fleet-console", name: "Fleet console (production robots)", roles: [["Viewer", "low"], ["Operator", "high"]] },
];

const JUSTIFICATIONS = [
  "joins the on-call rotation on Monday",
  "investigating INC-2231 (telemetry gaps on the Reno site)",
  "new hire onboarding, role approved by manager",
  "quarter-end close",
  "migrating dashboards to the new warehouse",
  "customer escalation for Harborview Medical Center",
  "pairing on the fleet-api v3 migration",
  "covering for a teammate on leave",
];

function accessBasics(rng: Rng) {
  const person = rng.pick(EMPLOYEES);
  const system = rng.pick(SYSTEMS);
  const [role, risk] = rng.pick(system.roles);
  const ticket = `IT-${rng.int(4000, 5999)}`;
  const membershipId = `${system.id}:${role.toLowerCase().replace(/[^a-z]+/g, "-")}:${person.email.split("@")[0]}`;
  return { person, system, role, risk: person.contractor && risk === "low" ? ("medium" as Risk) : risk, ticket, membershipId };
}

const grantAccess: Template = {
  weight: 6,
  build: ({ rng, createdAt }) => {
    const a = accessBasics(rng);
    const days = rng.pick([7, 14, 30, 90, null]);
    const until = days ? isoDay(new Date(createdAt.getTime() + days * DAY)) : null;
    const why = rng.pick(JUSTIFICATIONS);
    return {
      intent: "grant_access",
      title: `Grant ${a.role} on ${a.system.name} to ${a.person.name}`,
      summary: `${a.ticket}: ${a.person.name} (${a.person.team}) ${why}. ${days ? `Time-boxed to ${days} days.` : "Standing access."} Manager approval is on the ticket.`,
      risk: a.risk,
      scopes: ["iam:read", "iam:commit"],
      inputs: { ticket: a.ticket, grantee: a.person.email, system: a.system.id, role: a.role, duration_days: days, justification: why },
      plan: [
        step("Read the request ticket and manager approval", "iam.get_ticket", "iam:read", { ticket: a.ticket }),
        step("Check current memberships", "iam.list_memberships", "iam:read", { user: a.person.email, system: a.system.id }),
        step(`Add ${a.person.name} to ${a.role}`, "iam.add_group_member", "iam:commit", { system: a.system.id, role: a.role, user: a.person.email, expires: until }),
      ],
      changes: [
        {
          target: { type: "group_membership", id: a.membershipId, label: `${a.person.name} · ${a.system.name} ${a.role}` },
          fields: [
            { path: "status", before: "none", after: "active" },
            { path: "role", before: null, after: a.role },
            { path: "expires_at", before: null, after: until },
            { path: "granted_via", before: null, after: a.ticket },
          ],
        },
      ],
      artifacts: [{ type: "ticket", id: a.ticket, url: `https://northwind-robotics.atlassian.example/browse/${a.ticket}` }],
      result: { membership_id: a.membershipId, status: "active" },
      failure: rng.pick([
        { code: "rate_limited", message: "Okta API returned 429 after 3 retries" },
        { code: "group_not_found", message: `No group for role ${a.role} in ${a.system.id}; it was renamed` },
      ]),
    };
  },
};

const revokeAccess: Template = {
  weight: 2,
  build: ({ rng }) => {
    const a = accessBasics(rng);
    const why = rng.pick(["offboarding (last day Friday)", "moved to another team", "quarterly access review finding", "temporary access no longer needed"]);
    return {
      intent: "revoke_access",
      title: `Remove ${a.person.name} from ${a.system.name} ${a.role}`,
      summary: `${a.ticket}: ${why}.`,
      risk: a.risk === "low" ? "medium" : a.risk,
      scopes: ["iam:read", "iam:commit"],
      inputs: { ticket: a.ticket, user: a.person.email, system: a.system.id, role: a.role, reason: why },
      plan: [
        step("Confirm the request with HR / the manager", "iam.get_ticket", "iam:read", { ticket: a.ticket }),
        step("Remove group membership", "iam.remove_group_member", "iam:commit", { system: a.system.id, role: a.role, user: a.person.email }),
        step("Revoke active sessions", "iam.revoke_sessions", "iam:commit", { user: a.person.email, system: a.system.id }),
      ],
      changes: [
        {
          target: { type: "group_membership", id: a.membershipId, label: `${a.person.name} · ${a.system.name} ${a.role}` },
          fields: [
            { path: "status", before: "active", after: "removed" },
            { path: "role", before: a.role, after: null },
          ],
        },
      ],
      result: { membership_id: a.membershipId, status: "removed", sessions_revoked: rng.int(0, 4) },
      failure: { code: "upstream_error", message: `${a.system.name} returned 503 while removing the member` },
    };
  },
};

const extendAccess: Template = {
  weight: 1,
  build: ({ rng, createdAt }) => {
    const a = accessBasics(rng);
    const oldEnd = new Date(createdAt.getTime() + rng.int(1, 3) * DAY);
    const newEnd = new Date(oldEnd.getTime() + rng.pick([7, 14, 30]) * DAY);
    return {
      intent: "extend_temporary_access",
      title: `Extend ${a.person.name}'s ${a.system.name} ${a.role} access to ${day(newEnd)}`,
      summary: `${a.ticket}: the work that needed it is not finished; extension requested by ${a.person.name}.`,
      risk: a.risk,
      scopes: ["iam:read", "iam:commit"],
      inputs: { ticket: a.ticket, user: a.person.email, system: a.system.id, role: a.role, new_expiry: isoDay(newEnd) },
      plan: [
        step("Read the extension request", "iam.get_ticket", "iam:read", { ticket: a.ticket }),
        step("Update membership expiry", "iam.update_group_member", "iam:commit", { system: a.system.id, user: a.person.email, expires: isoDay(newEnd) }),
      ],
      changes: [
        {
          target: { type: "group_membership", id: a.membershipId, label: `${a.person.name} · ${a.system.name} ${a.role}` },
          fields: [{ path: "expires_at", before: isoDay(oldEnd), after: isoDay(newEnd) }],
        },
      ],
      result: { membership_id: a.membershipId, expires_at: isoDay(newEnd) },
      failure: { code: "conflict", message: "Membership was removed by the nightly sweep before the extension applied" },
    };
  },
};

const accessReview: Template = {
  weight: 1,
  build: ({ rng }) => {
    const system = rng.pick(SYSTEMS);
    const [role] = system.roles[system.roles.length - 1]!;
    return {
      intent: "access_review_report",
      title: `Access review: list ${system.name} ${role} holders`,
      risk: "low",
      scopes: ["iam:read"],
      inputs: { system: system.id, role },
      plan: [
        step("List group members", "iam.list_group_members", "iam:read", { system: system.id, role }),
        step("Join with HR records and last sign-in", "iam.enrich_members", "iam:read", { fields: ["manager", "team", "last_login"] }),
      ],
      artifacts: [{ type: "report", url: `https://northwind-robotics.atlassian.example/wiki/access-review/${system.id}` }],
      result: { members: rng.int(2, 25), stale: rng.int(0, 4) },
      failure: { code: "timeout", message: "Directory export timed out" },
    };
  },
};

// ---------------------------------------------------------------------------
// CRM

type Account = { id: string; name: string; industry: string; contact: string; domain: string };
const ACCOUNTS: Account[] = [
  ["Fulton Logistics", "3PL", "Maria Gonzalez"],
  ["Pinecrest Hospital Group", "Healthcare", "Dr. Alan Reyes"],
  ["Meridian Foods", "Food & beverage", "Grace Okafor"],
  ["Atlas Warehousing", "3PL", "Peter Lindqvist"],
  ["Bluewater Shipping", "Shipping", "Emma Davies"],
  ["Copperline Manufacturing", "Manufacturing", "Raj Iyer"],
  ["Evergreen Grocers", "Retail", "Nadia Petrova"],
  ["Granite State Distribution", "Distribution", "Tom Whitaker"],
  ["Harborview Medical Center", "Healthcare", "Linda Park"],
  ["Ironwood Automotive", "Automotive", "Carlos Mendes"],
  ["Juniper Pharma", "Pharma", "Isabel Moreau"],
  ["Lakeshore Beverage", "Food & beverage", "Kevin Walsh"],
  ["Monarch Textiles", "Manufacturing", "Aiko Suzuki"],
  ["Nimbus Fulfillment", "E-commerce", "Daniel Cho"],
  ["Old Mill Bakeries", "Food & beverage", "Fiona Byrne"],
  ["Prairie Agritech", "Agriculture", "Owen Harris"],
].map(([name, industry, contact], i) => ({
  id: `001Nw00000${(0x3a7f1 + i * 7919).toString(36).toUpperCase().padStart(5, "0")}`,
  name: name!,
  industry: industry!,
  contact: contact!,
  domain: `${name!.toLowerCase().replace(/[^a-z ]/g, "").split(" ").slice(0, 2).join("-")}.example`,
}));

const REPS = ["Grace Holloway", "Diego Martins", "Aisha Bello", "Tom Becker", "Ethan Brooks"];
const CRM = "https://northwind-robotics.my.salesforce.example/lightning/r/Account";

function accountTarget(a: Account) {
  return { type: "account", id: a.id, label: a.name };
}
function roundArr(rng: Rng, min: number, max: number): number {
  return Math.round(rng.between(min, max) / 500) * 500;
}
function crmFailure(rng: Rng) {
  return rng.pick([
    { code: "validation_rule", message: "Salesforce validation rule Owner_Must_Be_Active failed" },
    { code: "row_lock", message: "UNABLE_TO_LOCK_ROW: the account is being edited by another process" },
  ]);
}

const markCustomer: Template = {
  weight: 3,
  build: ({ rng, createdAt }) => {
    const a = rng.pick(ACCOUNTS);
    const units = rng.int(4, 60);
    const arr = units * rng.pick([9_600, 11_400, 12_000, 14_800]);
    const sdr = rng.pick(REPS);
    const ae = rng.pick(REPS.filter((r) => r !== sdr));
    return {
      intent: "update_account_fields",
      title: `Mark ${a.name} as a customer (ARR ${dollars(arr)})`,
      summary: `Order form OF-${rng.int(300, 899)} countersigned ${day(new Date(createdAt.getTime() - rng.int(0, 2) * DAY))}: ${units} AMR-200 units on a 3-year subscription. Account moves from ${sdr} to ${ae}.`,
      risk: arr >= 250_000 ? "high" : "medium",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { account_id: a.id, order_form: `OF-${rng.int(300, 899)}`, units },
      plan: [
        step("Read account and signed order form", "crm.get_account", "crm:read", { account_id: a.id }),
        step("Stage field updates", "crm.stage_update", "crm:write:draft", { account_id: a.id, fields: ["lifecycle_stage", "arr", "owner"] }),
        step("Apply staged update", "crm.apply_update", "crm:commit", { account_id: a.id }),
      ],
      changes: [
        {
          target: accountTarget(a),
          fields: [
            { path: "lifecycle_stage", before: "opportunity", after: "customer" },
            { path: "arr", before: 0, after: arr },
            { path: "owner", before: sdr, after: ae },
          ],
        },
      ],
      artifacts: [{ type: "crm_record", id: a.id, url: `${CRM}/${a.id}/view`, label: a.name }],
      result: { account_id: a.id, updated_fields: ["lifecycle_stage", "arr", "owner"] },
      failure: crmFailure(rng),
    };
  },
};

const updateArr: Template = {
  weight: 3,
  build: ({ rng, createdAt }) => {
    const a = rng.pick(ACCOUNTS);
    const before = roundArr(rng, 40_000, 600_000);
    const pct = rng.pick([-12, -5, 3, 5, 8, 15, 22, 40]);
    const after = Math.round((before * (1 + pct / 100)) / 500) * 500;
    const renewal = new Date(createdAt.getTime() + rng.int(20, 60) * DAY);
    const nextRenewal = new Date(renewal.getTime() + 365 * DAY);
    return {
      intent: "update_account_fields",
      title: `Update ${a.name} ARR to ${dollars(after)} after renewal (${pct > 0 ? "+" : ""}${pct}%)`,
      summary:
        pct > 0
          ? `Renewal signed with ${Math.max(1, Math.round(pct / 4))} additional robots; finance confirmed the new contract value.`
          : `Renewal signed at a lower fleet size; ${a.name} retired part of its older AMR-100 fleet.`,
      risk: Math.abs(after - before) >= 50_000 ? "high" : "medium",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { account_id: a.id, contract: `CT-${rng.int(1000, 9999)}` },
      plan: [
        step("Read account and renewal contract", "crm.get_account", "crm:read", { account_id: a.id }),
        step("Stage ARR and renewal date", "crm.stage_update", "crm:write:draft", { account_id: a.id, fields: ["arr", "renewal_date"] }),
        step("Apply staged update", "crm.apply_update", "crm:commit", { account_id: a.id }),
      ],
      changes: [
        {
          target: accountTarget(a),
          fields: [
            { path: "arr", before, after },
            { path: "renewal_date", before: isoDay(renewal), after: isoDay(nextRenewal) },
          ],
        },
      ],
      result: { account_id: a.id, updated_fields: ["arr", "renewal_date"] },
      failure: crmFailure(rng),
    };
  },
};

const reassignOwner: Template = {
  weight: 2,
  build: ({ rng }) => {
    const a = rng.pick(ACCOUNTS);
    const from = rng.pick(REPS);
    const to = rng.pick(REPS.filter((r) => r !== from));
    const territories = ["US-East", "US-Central", "US-West", "EMEA", "Strategic"];
    const t1 = rng.pick(territories);
    const t2 = rng.pick(territories.filter((t) => t !== t1));
    return {
      intent: "reassign_account_owner",
      title: `Reassign ${a.name} from ${from} to ${to}`,
      summary: `Territory plan moves ${a.industry} accounts in ${t1} to ${t2}; open opportunities move with the account.`,
      risk: "low",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { account_id: a.id, new_owner: to, move_open_opportunities: true },
      plan: [
        step("Read account and open opportunities", "crm.get_account", "crm:read", { account_id: a.id, include: ["opportunities"] }),
        step("Stage owner change", "crm.stage_update", "crm:write:draft", { account_id: a.id, fields: ["owner", "territory"] }),
        step("Apply staged update", "crm.apply_update", "crm:commit", { account_id: a.id }),
        step("Notify both reps", "crm.post_chatter", "crm:commit", { account_id: a.id, mention: [from, to] }),
      ],
      changes: [
        {
          target: accountTarget(a),
          fields: [
            { path: "owner", before: from, after: to },
            { path: "territory", before: t1, after: t2 },
          ],
        },
      ],
      result: { account_id: a.id, opportunities_moved: rng.int(0, 5) },
      failure: crmFailure(rng),
    };
  },
};

const markChurned: Template = {
  weight: 1,
  build: ({ rng }) => {
    const a = rng.pick(ACCOUNTS);
    const arr = roundArr(rng, 30_000, 220_000);
    return {
      intent: "update_account_fields",
      title: `Mark ${a.name} as churned (ARR ${dollars(arr)} → $0)`,
      summary: `Non-renewal notice received; contract ends this month. Robots are scheduled for pickup.`,
      risk: "high",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { account_id: a.id, churn_reason: rng.pick(["budget", "moved to competitor", "site closure"]) },
      plan: [
        step("Read account and non-renewal notice", "crm.get_account", "crm:read", { account_id: a.id }),
        step("Stage lifecycle change", "crm.stage_update", "crm:write:draft", { account_id: a.id, fields: ["lifecycle_stage", "arr"] }),
        step("Apply staged update", "crm.apply_update", "crm:commit", { account_id: a.id }),
      ],
      changes: [
        {
          target: accountTarget(a),
          fields: [
            { path: "lifecycle_stage", before: "customer", after: "churned" },
            { path: "arr", before: arr, after: 0 },
          ],
        },
      ],
      result: { account_id: a.id, updated_fields: ["lifecycle_stage", "arr"] },
      failure: crmFailure(rng),
    };
  },
};

const mergeDuplicates: Template = {
  weight: 1,
  build: ({ rng }) => {
    const a = rng.pick(ACCOUNTS);
    const dupId = `001Nw00000${rng.hex(5).toUpperCase()}`;
    const owner = rng.pick(REPS);
    return {
      intent: "merge_duplicate_accounts",
      title: `Merge duplicate account "${a.name} Inc." into ${a.name}`,
      summary: `Same domain (${a.domain}), billing address and primary contact; the duplicate was created by a web form.`,
      risk: "high",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { primary_id: a.id, duplicate_id: dupId },
      plan: [
        step("Compare the two records", "crm.compare_accounts", "crm:read", { ids: [a.id, dupId] }),
        step("Stage merge", "crm.stage_merge", "crm:write:draft", { primary_id: a.id, duplicate_id: dupId }),
        step("Merge accounts", "crm.merge_accounts", "crm:commit", { primary_id: a.id, duplicate_id: dupId }),
      ],
      changes: [
        {
          target: { type: "account", id: dupId, label: `${a.name} Inc. (duplicate)` },
          fields: [
            { path: "status", before: "active", after: "merged" },
            { path: "merged_into", before: null, after: a.id },
          ],
        },
        {
          target: accountTarget(a),
          fields: [
            { path: "contacts", before: rng.int(2, 6), after: rng.int(7, 12) },
            { path: "owner", before: owner, after: owner },
          ],
        },
      ],
      result: { account_id: a.id, merged: dupId },
      failure: { code: "merge_blocked", message: "Duplicate has an open case; Salesforce refused the merge" },
    };
  },
};

const advanceLead: Template = {
  weight: 2,
  build: ({ rng }) => {
    const a = rng.pick(ACCOUNTS);
    const [from, to] = rng.pick([
      ["lead", "mql"],
      ["mql", "sql"],
      ["sql", "opportunity"],
    ] as const);
    const owner = rng.pick(REPS);
    return {
      intent: "update_account_fields",
      title: `Move ${a.name} from ${from.toUpperCase()} to ${to.toUpperCase()}`,
      summary: `Discovery call held with ${a.contact}; ${rng.int(2, 4)} of 4 qualification criteria met (budget, site survey, timeline).`,
      risk: "low",
      scopes: ["crm:read", "crm:write:draft", "crm:commit"],
      inputs: { account_id: a.id },
      plan: [
        step("Read account and call notes", "crm.get_account", "crm:read", { account_id: a.id, include: ["activities"] }),
        step("Apply lifecycle change", "crm.apply_update", "crm:commit", { account_id: a.id, fields: { lifecycle_stage: to } }),
      ],
      changes: [
        {
          target: accountTarget(a),
          fields: [
            { path: "lifecycle_stage", before: from, after: to },
            { path: "owner", before: owner, after: owner },
          ],
        },
      ],
      result: { account_id: a.id, updated_fields: ["lifecycle_stage"] },
      failure: crmFailure(rng),
    };
  },
};

const draftAccountNote: Template = {
  weight: 2,
  build: ({ rng, createdAt }) => {
    const a = rng.pick(ACCOUNTS);
    const units = rng.int(6, 40);
    return {
      intent: "draft_account_note",
      title: `Draft QBR notes for ${a.name}`,
      risk: "low",
      scopes: ["crm:read", "crm:write:draft"],
      inputs: { account_id: a.id, meeting: isoDay(createdAt) },
      plan: [
        step("Read account, cases and fleet usage", "crm.get_account", "crm:read", { account_id: a.id, include: ["cases", "usage"] }),
        step("Create draft note", "crm.create_note_draft", "crm:write:draft", { account_id: a.id }),
      ],
      changes: [
        {
          target: { type: "account_note", id: `note_${rng.hex(8)}`, label: `QBR notes · ${a.name}` },
          format: "text",
          before: "",
          after: [
            `QBR with ${a.contact} (${a.name}), ${day(createdAt)}`,
            "",
            `- Fleet: ${units} AMR-200 units, ${rng.int(91, 99)}.${rng.int(0, 9)}% uptime last quarter`,
            `- Open cases: ${rng.int(0, 4)} (none severity 1)`,
            `- Interest in ${rng.pick(["the cold-storage kit", "a second site", "the pallet-jack attachment", "fleet analytics add-on"])}`,
            `- Next step: site survey in ${rng.pick(["two weeks", "March", "the next quarter"])}`,
          ].join("\n"),
        },
      ],
      result: { note_id: `note_${rng.hex(8)}` },
      failure: crmFailure(rng),
    };
  },
};

const pipelineSummary: Template = {
  weight: 1,
  build: ({ rng, createdAt }) => ({
    intent: "summarize_pipeline",
    title: `Summarize pipeline changes for the week of ${day(createdAt)}`,
    risk: "low",
    scopes: ["crm:read"],
    inputs: { since: isoDay(new Date(createdAt.getTime() - 7 * DAY)) },
    plan: [
      step("List opportunity changes", "crm.list_changes", "crm:read", { object: "opportunity", days: 7 }),
      step("Summarize by stage and owner", "crm.summarize", "crm:read", { group_by: ["stage", "owner"] }),
    ],
    result: { changed_opportunities: rng.int(8, 40) },
    failure: { code: "timeout", message: "Report query timed out" },
  }),
};

// ---------------------------------------------------------------------------
// Customer email

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

const sendEmail: Template = {
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

const draftReply: Template = {
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

// ---------------------------------------------------------------------------
// Code changes

type CodeChange = { repo: string; path: string; title: string; why: string; risk: Risk; before: string; after: string };

const CODE_CHANGES: Array<(rng: Rng) => CodeChange> = [
  () => ({
    repo: "fleet-api",
    path: "src/util/retry.ts",
    title: "Use the shared backoff helper in withRetry",
    why: "The fixed 1s sleep hammers the map service during incidents; the shared helper adds exponential backoff with jitter.",
    risk: "medium",
    before: `export async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  throw lastError;
}
`,
    after: `import { backoff } from "@northwind/resilience";

export async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      if (attempt < attempts - 1) await backoff(attempt, { baseMs: 250, maxMs: 8000, jitter: true });
    }
  }
  throw lastError;
}
`,
  }),
  () => ({
    repo: "firmware-tools",
    path: "scripts/flash.py",
    title: "Call stm32flash without a shell",
    why: "os.system with string formatting breaks on paths with spaces and is a shell-injection risk; subprocess.run also surfaces stderr.",
    risk: "medium",
    before: `import os
import sys


def flash(device: str, image: str) -> None:
    cmd = "stm32flash -w %s -v %s" % (image, device)
    code = os.system(cmd)
    if code != 0:
        print("flash failed", file=sys.stderr)
        sys.exit(1)
`,
    after: `import subprocess
import sys


def flash(device: str, image: str) -> None:
    result = subprocess.run(
        ["stm32flash", "-w", image, "-v", device],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        print(f"flash failed: {result.stderr.strip()}", file=sys.stderr)
        sys.exit(result.returncode)
`,
  }),
  () => ({
    repo: "fleet-api",
    path: "src/routes/robots.ts",
    title: "Clamp page size and switch /robots to cursor pagination",
    why: "A customer script asked for limit=100000 and took the API down for 4 minutes; offsets are also slow past 50k rows.",
    risk: "high",
    before: `router.get("/robots", async (req, res) => {
  const limit = Number(req.query.limit ?? 50);
  const offset = Number(req.query.offset ?? 0);
  const robots = await fleet.listRobots({ limit, offset });
  res.json({ robots });
});
`,
    after: `const MAX_PAGE_SIZE = 200;

router.get("/robots", async (req, res) => {
  const limit = Math.min(Math.max(Number(req.query.limit) || 50, 1), MAX_PAGE_SIZE);
  const cursor = typeof req.query.cursor === "string" ? req.query.cursor : undefined;
  const page = await fleet.listRobots({ limit, cursor });
  res.json({ robots: page.items, next_cursor: page.nextCursor ?? null });
});
`,
  }),
  () => ({
    repo: "warehouse-planner",
    path: "planner/path_cost.py",
    title: "Tidy path_cost and name the low-battery constants",
    why: "Pure refactor: math.hypot over pairwise segments, typed signature, constants instead of magic numbers. Also fixes the boundary (20% now counts as low).",
    risk: "low",
    before: `import math


def path_cost(path, battery_pct):
    dist = 0
    for i in range(len(path) - 1):
        (x1, y1), (x2, y2) = path[i], path[i + 1]
        dist += math.sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2)
    if battery_pct < 20:
        dist = dist * 1.5
    return dist
`,
    after: `import math
from itertools import pairwise

LOW_BATTERY_PCT = 20
LOW_BATTERY_PENALTY = 1.5


def path_cost(path: list[tuple[float, float]], battery_pct: float) -> float:
    dist = sum(math.hypot(x2 - x1, y2 - y1) for (x1, y1), (x2, y2) in pairwise(path))
    if battery_pct <= LOW_BATTERY_PCT:
        dist *= LOW_BATTERY_PENALTY
    return dist
`,
  }),
  () => ({
    repo: "ops-dashboard",
    path: "src/components/BatteryGauge.tsx",
    title: "Replace defaultProps in BatteryGauge with typed defaults",
    why: "React 19 drops defaultProps on function components; this also adds meter semantics for screen readers.",
    risk: "low",
    before: `import PropTypes from "prop-types";

export function BatteryGauge({ percent, warnAt }) {
  const color = percent < warnAt ? "red" : "green";
  return <div className={\`gauge gauge-\${color}\`}>{percent}%</div>;
}

BatteryGauge.propTypes = { percent: PropTypes.number.isRequired, warnAt: PropTypes.number };
BatteryGauge.defaultProps = { warnAt: 20 };
`,
    after: `type BatteryGaugeProps = { percent: number; warnAt?: number };

export function BatteryGauge({ percent, warnAt = 20 }: BatteryGaugeProps) {
  const color = percent < warnAt ? "red" : "green";
  return (
    <div className={\`gauge gauge-\${color}\`} role="meter" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
      {percent}%
    </div>
  );
}
`,
  }),
  () => ({
    repo: "telemetry-ingest",
    path: "internal/ingest/batch.go",
    title: "Stop the batcher on context cancellation",
    why: "run() ignored ctx, so shutdown waited for the pod's grace period and dropped the last batch.",
    risk: "medium",
    before: `func (b *Batcher) run(ctx context.Context) {
	for {
		b.flush()
		time.Sleep(b.interval)
	}
}
`,
    after: `func (b *Batcher) run(ctx context.Context) {
	ticker := time.NewTicker(b.interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			b.flush()
			return
		case <-ticker.C:
			b.flush()
		}
	}
}
`,
  }),
  (rng) => {
    const deps: Array<[string, string, string]> = [
      ["express", "4.19.2", "4.21.2"],
      ["pino", "8.21.0", "9.6.0"],
      ["zod", "3.23.8", "3.25.76"],
    ];
    const repo = rng.pick(["fleet-api", "ops-dashboard", "telemetry-ingest"]);
    const index = rng.int(0, deps.length - 1);
    const [name, from, to] = deps[index]!;
    const manifest = (bumped: boolean) =>
      [
        "{",
        `  "name": "@northwind/${repo}",`,
        `  "private": true,`,
        `  "dependencies": {`,
        ...deps.map(([n, v1, v2], i) => `    "${n}": "${bumped && i === index ? v2 : v1}"${i < deps.length - 1 ? "," : ""}`),
        "  }",
        "}",
        "",
      ].join("\n");
    const major = from.split(".")[0] !== to.split(".")[0];
    return {
      repo,
      path: "package.json",
      title: `Bump ${name} from ${from} to ${to}`,
      why: major ? `Major version: ${name} ${to.split(".")[0]} changes the transport API; call sites were updated in the same PR.` : `Patch/minor update with security fixes; lockfile regenerated, tests green.`,
      risk: major ? "medium" : "low",
      before: manifest(false),
      after: manifest(true),
    };
  },
  (rng) => {
    const flags: Array<[string, string]> = [
      ["batchUploads", 'process.env.FLAG_BATCH_UPLOADS === "1"'],
      ["compressFrames", 'process.env.FLAG_COMPRESS_FRAMES === "1"'],
      ["legacyMqttBridge", 'process.env.FLAG_LEGACY_MQTT_BRIDGE !== "0"'],
    ];
    const index = rng.int(0, flags.length - 1);
    const [flag] = flags[index]!;
    const file = (without: boolean) =>
      ["export const flags = {", ...flags.filter((_, i) => !(without && i === index)).map(([n, e]) => `  ${n}: ${e},`), "};", ""].join("\n");
    return {
      repo: "telemetry-ingest",
      path: "src/flags.ts",
      title: `Remove the ${flag} feature flag`,
      why: `${flag} has been on for every site for 30 days; the dead branches were removed in the same PR.`,
      risk: flag === "legacyMqttBridge" ? "high" : "low",
      before: file(false),
      after: file(true),
    };
  },
];

function codeChangeDraft(rng: Rng, draftOnly: boolean): Draft {
  const change = rng.pick(CODE_CHANGES)(rng);
  const pr = rng.int(1100, 2400);
  const branch = `bot/${change.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40)}`;
  const prUrl = `https://github.com/northwind-robotics/${change.repo}/pull/${pr}`;
  const sha = rng.hex(40);
  const plan: PlanStep[] = [
    step("Read the file and its tests", "github.get_contents", "github:read", { repo: `northwind-robotics/${change.repo}`, path: change.path }),
    step("Push the change to a branch", "github.push_commit", "github:write:draft", { repo: `northwind-robotics/${change.repo}`, branch, files: [change.path] }),
    step(draftOnly ? "Open a draft pull request" : "Open a pull request", "github.create_pull_request", "github:write:draft", { repo: `northwind-robotics/${change.repo}`, head: branch, base: "main", draft: draftOnly }),
  ];
  if (!draftOnly) plan.push(step("Squash-merge once checks pass", "github.merge_pull_request", "github:commit", { repo: `northwind-robotics/${change.repo}`, number: pr, method: "squash" }));
  const artifacts: Draft["artifacts"] = [{ type: "pull_request", id: `#${pr}`, url: prUrl, label: `${change.repo}#${pr}` }];
  if (rng.chance(0.6)) artifacts.push({ type: "ci_run", id: String(rng.int(9_000_000, 9_999_999)), url: `https://github.com/northwind-robotics/${change.repo}/actions/runs/${rng.int(9_000_000_000, 9_999_999_999)}` });
  return {
    intent: draftOnly ? "open_draft_pull_request" : "merge_pull_request",
    title: draftOnly ? `Open draft PR in ${change.repo}: ${change.title}` : `Merge ${change.repo}#${pr}: ${change.title}`,
    summary: `${change.why}${draftOnly ? "" : ` CI passed (${rng.int(120, 900)} tests).`}`,
    risk: draftOnly ? "low" : change.risk,
    scopes: draftOnly ? ["github:read", "github:write:draft"] : ["github:read", "github:write:draft", "github:commit"],
    inputs: { repo: `northwind-robotics/${change.repo}`, path: change.path, pull_request: draftOnly ? null : pr, base: "main" },
    plan,
    changes: [{ target: { type: "file", id: `northwind-robotics/${change.repo}:${change.path}`, label: `${change.repo}/${change.path}` }, format: "text", before: change.before, after: change.after }],
    artifacts,
    result: draftOnly ? { pull_request: pr, draft: true } : { merge_commit: sha, pull_request: pr },
    failure: rng.pick([
      { code: "checks_failed", message: "Merge blocked: required status check ci/test failed on the merge commit" },
      { code: "merge_conflict", message: `Merge conflict in ${change.path} with main` },
    ]),
  };
}

// ---------------------------------------------------------------------------
// The five workflows

export const WORKFLOWS: Workflow[] = [
  {
    queue: {
      slug: "accounts-payable",
      name: "Accounts payable",
      description: "Vendor bill payments, early-payment discounts and vendor bank changes proposed by ap-payments-bot.",
      domains: ["ap"],
    },
    agent: { name: "ap-payments-bot", sponsor: "priya", scopes: ["ap:read", "ap:write:draft", "ap:commit"], model: "gpt-4.1", versions: ["2025-04-14", "2025-06-02"] },
    count: 80,
    nonCommitShare: 0.14,
    actors: [
      [{ user: "priya" }, 6],
      [{ user: "dana" }, 2],
      [{ type: "service", id: "svc_ap_inbox", name: "AP inbox", email: "ap@countersign.dev" }, 2],
    ],
    commit: [payVendorBill, payWithDiscount, voidDuplicateBill, updateVendorBank],
    nonCommit: [createDraftBill, summarizeAging],
    rejectReasons: [
      "Amount does not match the PO; the vendor is sending a corrected invoice.",
      "Duplicate of an invoice we paid last week.",
      "Vendor changed bank details recently; hold until the call-back is done.",
      "Not due yet; pay it in the regular Thursday run.",
      "Goods receipt is missing for two lines.",
    ],
    approvalNotes: ["Checked against the PO and receiving report.", "OK, within budget.", "Confirmed with the plant manager."],
    cancelReasons: ["Superseded by a proposal with the corrected amount.", "Vendor sent a credit note; payment no longer needed."],
  },
  {
    queue: {
      slug: "access-requests",
      name: "Access requests",
      description: "Grants, extensions and removals of access to production and business systems, from IT tickets.",
      domains: ["iam"],
      defaultTtlSeconds: 3 * 24 * 3600,
    },
    agent: { name: "iam-access-bot", sponsor: "marcus", scopes: ["iam:read", "iam:commit"], model: "claude-sonnet-4", versions: ["2025-05-14", "2025-05-14"] },
    count: 60,
    nonCommitShare: 0.08,
    actors: [
      [{ user: "marcus" }, 4],
      [{ type: "team", id: "team_it_helpdesk", name: "IT Help Desk", email: "it@countersign.dev" }, 3],
      [{ user: "priya" }, 1],
    ],
    commit: [grantAccess, revokeAccess, extendAccess],
    nonCommit: [accessReview],
    rejectReasons: [
      "No manager approval on the ticket.",
      "Too broad: request a narrower role for this task.",
      "Contractors get access through the vendor-access process.",
      "Already covered by an existing group membership.",
    ],
    approvalNotes: ["Manager approval verified.", "Time-boxed, fine.", "Confirmed with the requester on Slack."],
    cancelReasons: ["Requester withdrew the ticket.", "Superseded by a request for a narrower role."],
  },
  {
    queue: {
      slug: "crm-updates",
      name: "CRM updates",
      description: "Account lifecycle, ARR and ownership changes in Salesforce, proposed by crm-hygiene-bot.",
      domains: ["crm"],
    },
    agent: { name: "crm-hygiene-bot", sponsor: "lena", scopes: ["crm:read", "crm:write:draft", "crm:commit"], model: "gpt-4.1-mini", versions: ["2025-04-14", "2025-04-14"] },
    count: 55,
    nonCommitShare: 0.2,
    actors: [
      [{ user: "lena" }, 3],
      [{ type: "team", id: "team_sales_ops", name: "Sales Ops", email: "salesops@countersign.dev" }, 2],
    ],
    commit: [markCustomer, updateArr, reassignOwner, markChurned, mergeDuplicates, advanceLead],
    nonCommit: [draftAccountNote, pipelineSummary],
    rejectReasons: [
      "ARR comes from the quote, not the signed order.",
      "Owner changes wait for the territory plan on the 1st.",
      "Not duplicates: they are separate legal entities.",
      "The customer has not countersigned yet.",
    ],
    approvalNotes: ["Matches the signed order form.", "Confirmed with finance."],
    cancelReasons: ["The rep updated the record by hand.", "Superseded by a newer sync."],
  },
  {
    queue: {
      slug: "customer-email",
      name: "Customer email",
      description: "Outbound email to customers: RMA updates, rollout notices, answers on support tickets.",
      domains: ["email", "support"],
    },
    agent: {
      name: "support-mailer",
      sponsor: "lena",
      scopes: ["email:read", "email:write:draft", "email:commit", "support:read"],
      model: "claude-3-5-haiku",
      versions: ["2024-10-22", "2024-10-22"],
    },
    count: 60,
    nonCommitShare: 0.15,
    actors: [
      [{ user: "lena" }, 3],
      [{ type: "team", id: "team_support", name: "Support team", email: "support@countersign.dev" }, 2],
    ],
    commit: [sendEmail],
    nonCommit: [draftReply],
    rejectReasons: [
      "Tone is off for an upset customer; I'll answer this one myself.",
      "Don't promise a ship date before logistics confirms it.",
      "Wrong contact: send it to their operations lead.",
      "Mentions internal ticket details; remove them.",
    ],
    approvalNotes: ["Reads well.", "Date confirmed with logistics."],
    cancelReasons: ["Customer replied before the email went out.", "Ticket was merged into another one."],
  },
  {
    queue: {
      slug: "code-changes",
      name: "Code changes",
      description: "Small refactors and dependency bumps that github-refactor-bot wants to merge.",
      domains: ["github"],
    },
    agent: {
      name: "github-refactor-bot",
      sponsor: "marcus",
      scopes: ["github:read", "github:write:draft", "github:commit"],
      model: "o4-mini",
      versions: ["2025-04-16", "2025-06-10"],
    },
    count: 45,
    nonCommitShare: 0.2,
    actors: [
      [{ user: "marcus" }, 4],
      [{ type: "team", id: "team_platform", name: "Platform team", email: "platform@countersign.dev" }, 1],
    ],
    commit: [{ weight: 1, build: ({ rng }) => codeChangeDraft(rng, false) }],
    nonCommit: [{ weight: 1, build: ({ rng }) => codeChangeDraft(rng, true) }],
    rejectReasons: [
      "Changes behaviour the scheduler relies on; needs a design note first.",
      "Needs a test for the empty-page case.",
      "Release freeze until Thursday.",
      "Major version bump needs a migration note in the changelog.",
    ],
    approvalNotes: ["LGTM.", "Reviewed the diff, tests cover it."],
    cancelReasons: ["PR closed: the change landed in another PR.", "Branch went stale after a conflicting merge."],
  },
];

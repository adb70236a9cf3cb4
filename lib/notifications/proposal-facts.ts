// What a notification says about a proposal: the same few facts in mail and
// chat. "Amount-like" fields are the envelope inputs whose names say money or
// quantity, so a reviewer sees the figure without opening the page.
export type ProposalFacts = {
  id: string;
  title: string;
  summary: string | null;
  agent: string;
  actingFor: string;
  tier: string;
  risk: string;
  queue: string;
  status: string;
  version: number;
  createdAt: Date;
  amounts: { name: string; value: string }[];
};

/** The facts every message shows, as label and value, in one order for mail and chat alike (each escapes for its own format). */
export function factFields(p: ProposalFacts): [string, string][] {
  return [
    ["Agent", p.agent],
    ["Acting for", p.actingFor],
    ["Queue", p.queue],
    ["Tier", p.tier],
    ["Risk", p.risk],
    ...p.amounts.map((a): [string, string] => [a.name, a.value]),
  ];
}

const AMOUNT_NAME = /amount|total|price|sum|cost|currency|quantity|qty|value|fee/i;

export function amountFields(inputs: unknown): { name: string; value: string }[] {
  if (!inputs || typeof inputs !== "object" || Array.isArray(inputs)) return [];
  const out: { name: string; value: string }[] = [];
  for (const [name, value] of Object.entries(inputs as Record<string, unknown>)) {
    if (!AMOUNT_NAME.test(name)) continue;
    if (typeof value !== "string" && typeof value !== "number") continue;
    out.push({ name, value: String(value).slice(0, 100) });
    if (out.length === 5) break;
  }
  return out;
}

export const factsSelect = {
  id: true,
  title: true,
  summary: true,
  tier: true,
  risk: true,
  status: true,
  version: true,
  createdAt: true,
  inputs: true,
  actorEmail: true,
  actorName: true,
  actorId: true,
  agent: { select: { name: true } },
  queue: { select: { slug: true, name: true } },
} as const;

type FactsRow = {
  id: string;
  title: string;
  summary: string | null;
  tier: string;
  risk: string;
  status: string;
  version: number;
  createdAt: Date;
  inputs: unknown;
  actorEmail: string | null;
  actorName: string | null;
  actorId: string;
  agent: { name: string };
  queue: { slug: string; name: string };
};

export function toFacts(row: FactsRow): ProposalFacts {
  const actingFor = row.actorName && row.actorEmail ? `${row.actorName} <${row.actorEmail}>` : (row.actorEmail ?? row.actorName ?? row.actorId);
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    agent: row.agent.name,
    actingFor,
    tier: row.tier,
    risk: row.risk,
    queue: row.queue.name,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt,
    amounts: amountFields(row.inputs),
  };
}

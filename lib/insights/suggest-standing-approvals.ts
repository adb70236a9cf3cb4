import "server-only";
// Suggestions from the history (issue 15, part 3). A pattern is (agent,
// intent, tool, queue), the tool being the one of the plan's highest-tier
// step (the action that matters: the payment, not the lookup before it).
// Over the proposals people decided in the last D days:
//   - approved at least K times with no rejection and no edit: a suggested
//     standing approval, constrained by what was approved (amount at most the
//     largest approved, vendor among those seen);
//   - a high share of rejections and edits (flagRate, over at least
//     minDecisions decisions): flagged for the agent's sponsor.
// Nothing here changes anything: a suggestion opens as a draft in the policy
// editor (draft-policy.ts) for an admin to simulate and, maybe, apply.
// Proposals approved by policy are left out (no person looked at them).
//
// This reads the period's decided proposals (by the (status, createdAt)-free
// decidedAt filter, in chunks), not the rollups: it needs the plans. It runs
// on an admin's request only, over D days, never on a hot path.
import { db } from "@/lib/db/client";
import { assertAdmin } from "@/lib/roles/admin";
import { parseScope, tierRank, type Tier } from "@/lib/policy/scopes";

export type SuggestionOptions = { minApprovals: number; days: number; flagRate: number; minDecisions: number };
export const DEFAULT_SUGGESTION_OPTIONS: SuggestionOptions = { minApprovals: 10, days: 30, flagRate: 0.3, minDecisions: 5 };

export type PatternKey = { agentId: string; queueId: string; intent: string; tool: string };

export type Pattern = PatternKey & {
  agentName: string;
  sponsor: { name: string; email: string };
  queueSlug: string;
  /** The highest tier seen: commit proposals are never approved by policy, whatever a policy says. */
  tier: Tier;
  approvals: number;
  rejections: number;
  /** Approved after an approver edited the plan. */
  edits: number;
  /** The largest amount approved (as sent), when the approved proposals carried one. */
  maxAmount: string | null;
  /** Vendors seen on approved proposals, sorted. */
  vendors: string[];
  /**
   * The action step's argument that carried the amount / the vendor on every
   * approval that had one (what a standing approval's constraint can test);
   * null when they came from the proposal's inputs instead, or under several names.
   */
  amountArg: string | null;
  vendorArg: string | null;
};

export type SuggestionReport = {
  options: SuggestionOptions;
  /** Proposals read. */
  scanned: number;
  suggestions: Pattern[];
  /** With the share of rejections and edits among the pattern's decisions, 0..1. */
  flagged: (Pattern & { problemRate: number })[];
};

const CHUNK = 2000;
const APPROVED_EVER = ["approved", "executed", "failed", "revoked"];

type Step = { tool?: unknown; scope?: unknown; args?: unknown };
type Obj = Record<string, unknown>;
const asObject = (v: unknown): Obj | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);

/** The plan's action: the first step of the highest tier. */
export function actionStep(plan: unknown): { tool: string; tier: Tier; args: Obj | null } {
  let best: { tool: string; tier: Tier; args: Obj | null } = { tool: "(none)", tier: "read", args: null };
  let rank = -1;
  for (const step of Array.isArray(plan) ? (plan as Step[]) : []) {
    const tier = parseScope(String(step.scope ?? ""))?.tier ?? "read";
    if (tierRank(tier) > rank) {
      rank = tierRank(tier);
      best = { tool: String(step.tool ?? "(none)"), tier, args: asObject(step.args) };
    }
  }
  return best;
}

/** An amount from the action step's arguments, else from the proposal's inputs: a number or a decimal string. */
export function amountOf(args: Obj | null, inputs: Obj | null): { text: string; value: number } | null {
  for (const raw of [args?.amount, inputs?.amount]) {
    if (typeof raw === "number" && Number.isFinite(raw)) return { text: String(raw), value: raw };
    if (typeof raw === "string" && /^-?\d+(\.\d+)?$/.test(raw.trim())) return { text: raw.trim(), value: Number(raw) };
  }
  return null;
}

/** A vendor from the action step's arguments, else from the inputs (vendor_id, vendor or payee). */
export function vendorOf(args: Obj | null, inputs: Obj | null): string | null {
  return vendorSource(args, inputs)?.value ?? null;
}

const VENDOR_NAMES = ["vendor_id", "vendor", "payee"];

/** The vendor with where it was found: the step argument's name, or null for the inputs. */
function vendorSource(args: Obj | null, inputs: Obj | null): { value: string; arg: string | null } | null {
  for (const [source, inArgs] of [[args, true], [inputs, false]] as const) {
    for (const name of VENDOR_NAMES) {
      const v = source?.[name];
      if (typeof v === "string" && v.trim()) return { value: v.trim(), arg: inArgs ? name : null };
    }
  }
  return null;
}

/** Where a pattern's amounts or vendors came from: one argument name throughout, else null. */
type Source = { arg: string | null; mixed: boolean } | null;
const addSource = (seen: Source, arg: string | null): Source => (seen === null ? { arg, mixed: false } : { arg: seen.arg, mixed: seen.mixed || seen.arg !== arg });
const argOf = (seen: Source) => (seen && !seen.mixed ? seen.arg : null);

export const patternId = (k: PatternKey) => JSON.stringify([k.agentId, k.queueId, k.intent, k.tool]);

type Tally = PatternKey & {
  tier: Tier;
  approvals: number;
  rejections: number;
  edits: number;
  max: { text: string; value: number } | null;
  vendors: Set<string>;
  amountSource: Source;
  vendorSource: Source;
};

export async function suggestStandingApprovals(viewer: { role: string }, options: Partial<SuggestionOptions> = {}, now = new Date()): Promise<SuggestionReport> {
  assertAdmin(viewer);
  return patternReport({ ...DEFAULT_SUGGESTION_OPTIONS, ...options }, now);
}

/**
 * The patterns flagged for a sponsor: those of the agents this person
 * sponsors, whatever their role (a sponsor answers for their agents; the
 * suggestions themselves stay an admin's). Empty for someone who sponsors none.
 */
export async function flaggedForSponsor(viewer: { id: string }, options: Partial<SuggestionOptions> = {}, now = new Date()): Promise<SuggestionReport["flagged"]> {
  const agents = await db.agent.findMany({ where: { sponsorId: viewer.id }, select: { id: true } });
  if (agents.length === 0) return [];
  return (await patternReport({ ...DEFAULT_SUGGESTION_OPTIONS, ...options }, now, agents.map((a) => a.id))).flagged;
}

/** `agentIds`: only these agents' proposals (a sponsor's); every agent's when absent. */
async function patternReport(opts: SuggestionOptions, now: Date, agentIds?: string[]): Promise<SuggestionReport> {
  const since = new Date(now.getTime() - opts.days * 86_400_000);
  const tallies = new Map<string, Tally>();
  let scanned = 0;
  let cursor: string | null = null;
  for (;;) {
    const rows: { id: string; agentId: string; queueId: string; intent: string; plan: unknown; inputs: unknown; status: string; version: number; _count: { decisions: number } }[] =
      await db.proposal.findMany({
        where: { decidedAt: { gte: since, lte: now }, status: { in: [...APPROVED_EVER, "rejected"] }, ...(agentIds ? { agentId: { in: agentIds } } : {}) },
        orderBy: { id: "asc" },
        take: CHUNK,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: { id: true, agentId: true, queueId: true, intent: true, plan: true, inputs: true, status: true, version: true, _count: { select: { decisions: true } } },
      });
    for (const p of rows) {
      scanned += 1;
      if (p._count.decisions === 0) continue; // approved by policy: nobody looked at it
      const action = actionStep(p.plan);
      const key: PatternKey = { agentId: p.agentId, queueId: p.queueId, intent: p.intent, tool: action.tool };
      const id = patternId(key);
      const t = tallies.get(id) ?? { ...key, tier: action.tier, approvals: 0, rejections: 0, edits: 0, max: null, vendors: new Set<string>(), amountSource: null, vendorSource: null };
      if (tierRank(action.tier) > tierRank(t.tier)) t.tier = action.tier;
      if (p.status === "rejected") t.rejections += 1;
      else if (p.version > 1) t.edits += 1;
      else {
        t.approvals += 1;
        const inputs = asObject(p.inputs);
        const amount = amountOf(action.args, inputs);
        if (amount && (!t.max || amount.value > t.max.value)) t.max = amount;
        if (amount) t.amountSource = addSource(t.amountSource, amountOf(action.args, null) ? "amount" : null);
        const vendor = vendorSource(action.args, inputs);
        if (vendor) {
          t.vendors.add(vendor.value);
          t.vendorSource = addSource(t.vendorSource, vendor.arg);
        }
      }
      tallies.set(id, t);
    }
    if (rows.length < CHUNK) break;
    cursor = rows.at(-1)!.id;
  }

  const all = [...tallies.values()];
  const [agents, queues] = await Promise.all([
    db.agent.findMany({ where: { id: { in: [...new Set(all.map((t) => t.agentId))] } }, select: { id: true, name: true, sponsor: { select: { name: true, email: true } } } }),
    db.queue.findMany({ where: { id: { in: [...new Set(all.map((t) => t.queueId))] } }, select: { id: true, slug: true } }),
  ]);
  const agentOf = new Map(agents.map((a) => [a.id, a]));
  const slugOf = new Map(queues.map((q) => [q.id, q.slug]));
  const patterns = all.map((t): Pattern => ({
    agentId: t.agentId,
    queueId: t.queueId,
    intent: t.intent,
    tool: t.tool,
    agentName: agentOf.get(t.agentId)?.name ?? t.agentId,
    sponsor: agentOf.get(t.agentId)?.sponsor ?? { name: "(unknown)", email: "" },
    queueSlug: slugOf.get(t.queueId) ?? t.queueId,
    tier: t.tier,
    approvals: t.approvals,
    rejections: t.rejections,
    edits: t.edits,
    maxAmount: t.max?.text ?? null,
    vendors: [...t.vendors].sort(),
    amountArg: argOf(t.amountSource),
    vendorArg: argOf(t.vendorSource),
  }));
  const order = (a: Pattern, b: Pattern) => b.approvals + b.rejections + b.edits - (a.approvals + a.rejections + a.edits) || patternId(a).localeCompare(patternId(b));
  const suggestions = patterns.filter((p) => p.approvals >= opts.minApprovals && p.rejections === 0 && p.edits === 0).sort(order);
  const flagged = patterns
    .map((p) => ({ ...p, decided: p.approvals + p.rejections + p.edits }))
    .filter((p) => p.decided >= opts.minDecisions && (p.rejections + p.edits) / p.decided >= opts.flagRate)
    .map(({ decided, ...p }) => ({ ...p, problemRate: (p.rejections + p.edits) / decided }))
    .sort(order);
  return { options: opts, scanned, suggestions, flagged };
}

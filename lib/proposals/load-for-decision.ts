import "server-only";
// The one loader-and-authorizer of every decision path (batch decide,
// approve with edits). Each path used to load and ask Cedar on its own and
// gave the same refusal two codes; now the rules below are written once:
//
//   - a person who decides on no queue is refused the whole call: `forbidden`
//     (the role does not allow deciding at all, lib/security/refusal-codes.ts);
//   - per item, in this order: `not_found`, `unreadable` (a stored value cannot
//     be read: planted by SQL, stored-proposal.ts), `already_decided` (not pending),
//     `expired`, then Cedar: a forbid marked @kind("separation_of_duties")
//     refuses with `separation_of_duties`, any other refusal with
//     `not_allowed` (no right on this queue or item).
//
// Refused items are written to the security log here, once, with the policies
// that refused them; callers decide how to report them (skip or throw).
import type { Prisma } from "@/generated/sqlite/client";
import { db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { readBoolean, sqlParam } from "@/lib/db/raw-values";
import { isStringArray, storedColumnSql, StoredRow } from "@/lib/db/stored-values";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/base/app-error";
import { loadQueueRoles, roleOnQueue, decidesAnywhere, type QueueRoles } from "@/lib/users/queue-roles";
import { authorizeDecision } from "@/lib/policy/engine";
import { recordRefusals } from "@/lib/security/record-refusal";
import { RULED_COLUMNS, unreadableColumns, unreadableColumnsOf, type RuledColumn } from "@/lib/proposals/stored-proposal";

export type DecisionAction = "approve" | "reject";
/** Why an item cannot be decided by this person now. */
export type NotDecidable = "not_found" | "unreadable" | "already_decided" | "expired" | DecisionRefusalCode;
/** The refusal codes of a decision, the same on every path. */
export type DecisionRefusalCode = "not_allowed" | "separation_of_duties";

/** What every path needs to check an item (read by loadBase below); a path adds its own fields with `select`. */
type BaseSelect = {
  id: true;
  title: true;
  status: true;
  expiresAt: true;
  actorEmail: true;
  tier: true;
  risk: true;
  intent: true;
  scopes: true;
  queueId: true;
  agent: { select: { sponsorId: true } };
  queue: { select: { slug: true; separationOfDuties: true } };
};

type Base = Prisma.ProposalGetPayload<{ select: BaseSelect }>;
type Loaded<S extends Prisma.ProposalSelect> = Base & Prisma.ProposalGetPayload<{ select: S }>;

export type Decidable<S extends Prisma.ProposalSelect> = { ok: true; id: string; proposal: Loaded<S>; policies: string[] };
export type Undecidable<S extends Prisma.ProposalSelect> = {
  ok: false;
  id: string;
  /** Null when not found. */
  proposal: Loaded<S> | null;
  reason: NotDecidable;
  /** Cedar's message for a refusal; for the other reasons the caller words its own. */
  message: string;
  policies: string[];
};
export type DecisionCheck<S extends Prisma.ProposalSelect> = Decidable<S> | Undecidable<S>;

export const VIEWER_MESSAGE = "Your role is viewer: you can review proposals but not decide them.";

/** Throws `forbidden` for a person who decides on no queue; returns their roles otherwise. */
export async function requireDecider(user: CurrentUser): Promise<QueueRoles> {
  const roles = await loadQueueRoles(user);
  if (!decidesAnywhere(roles)) throw new AppError("forbidden", "forbidden", VIEWER_MESSAGE);
  return roles;
}

/**
 * Loads the items and checks each, in the order of `ids`. `logAction` names
 * the attempt in the security log (e.g. "decide:approved").
 */
export async function loadForDecision<S extends Prisma.ProposalSelect = Record<never, never>>(
  user: CurrentUser,
  input: { ids: string[]; action: DecisionAction; logAction: string; now: Date; select?: S },
): Promise<DecisionCheck<S>[]> {
  const roles = await requireDecider(user);
  const { found, unreadable } = await loadBase(input.ids);
  // A path's own fields (approve with edits: one item) come through the query builder, merged in; never
  // for a row with unreadable values, on which the query builder fails (and which is refused anyway).
  const readable = input.ids.filter((id) => !unreadable.has(id));
  if (input.select && Object.keys(input.select).length > 0 && readable.length > 0) {
    const extra = (await db.proposal.findMany({ where: { id: { in: readable } }, select: { ...input.select, id: true } as Prisma.ProposalSelect })) as { id: string }[];
    const baseOf = new Map(found.map((p) => [p.id, p]));
    for (const e of extra) {
      const base = baseOf.get(e.id);
      if (base) Object.assign(base, { ...e, ...base });
    }
  }
  const byId = new Map((found as Loaded<S>[]).map((p) => [p.id, p]));
  const checks = input.ids.map((id): DecisionCheck<S> => {
    const p: Base | undefined = byId.get(id);
    if (!p) return { ok: false, id, proposal: null, reason: "not_found", message: "No such proposal.", policies: [] };
    const damaged = unreadable.get(id);
    // Fail closed: nobody decides on a row whose content cannot be read (its page says which values).
    if (damaged) return { ok: false, id, proposal: p as Loaded<S>, reason: "unreadable", message: unreadableMessage(damaged), policies: [] };
    if (p.status !== "pending") return { ok: false, id, proposal: p as Loaded<S>, reason: "already_decided", message: `Already ${p.status}.`, policies: [] };
    if (p.expiresAt && p.expiresAt <= input.now) return { ok: false, id, proposal: p as Loaded<S>, reason: "expired", message: "Expired before it was decided.", policies: [] };
    const verdict = authorizeDecision({
      user: { id: user.id, email: user.email, name: user.name, role: roleOnQueue(roles, p.queueId) },
      action: input.action,
      proposal: decisionResourceOf(p),
    });
    if (verdict.allowed) return { ok: true, id, proposal: p as Loaded<S>, policies: verdict.policies };
    const reason: DecisionRefusalCode = verdict.refusal === "separation_of_duties" ? "separation_of_duties" : "not_allowed";
    return { ok: false, id, proposal: p as Loaded<S>, reason, message: verdict.message, policies: verdict.policies };
  });
  await recordRefusals(
    checks
      .filter((c): c is Undecidable<S> => !c.ok && isRefusal(c.reason))
      .map((c) => ({
        actor: { type: "user" as const, id: user.id, email: user.email, role: user.role },
        action: input.logAction,
        target: c.id,
        code: c.reason,
        rule: c.policies.join(", "),
        message: c.message,
      })),
  );
  return checks;
}

// The base fields in one plain statement: a batch loads 500 proposals with
// their agent's sponsor and their queue, and the query builder's relation
// loading (compiled in WebAssembly, several statements, rows mapped in
// JavaScript) cost several times the reading itself (docs/benchmarks.md).
const json = (c: string) => `${storedColumnSql(`p."${c}"`, "json")} AS "${c}"`;
const date = (c: string) => `${storedColumnSql(`p."${c}"`, "date")} AS "${c}"`;
const int = (c: string) => `${storedColumnSql(`p."${c}"`, "int")} AS "${c}"`;
const BASE_SQL_HEAD =
  `SELECT p."id", p."title", p."status", ${date("expiresAt")}, p."actorEmail", p."tier", p."risk", p."intent", ${json("scopes")}, p."queueId", ` +
  `${json("plan")}, ${date("createdAt")}, ${int("version")}, ${int("approvalCount")}, ${int("requiredApprovals")}, ` +
  `v."id" AS "versionRow", a."sponsorId", q."slug", q."separationOfDuties" FROM ${qualifiedTable("Proposal")} p ` +
  `JOIN ${qualifiedTable("Agent")} a ON a."id" = p."agentId" JOIN ${qualifiedTable("Queue")} q ON q."id" = p."queueId" ` +
  // The row of the version in force (unique per proposal and version): a join, not a subquery per item.
  `LEFT JOIN ${qualifiedTable("ProposalVersion")} v ON v."proposalId" = p."id" AND v."version" = p."version" WHERE p."id" IN `;
const ID_CHUNK = 500;
/** The ruled values the base statement reads (what an approval authorizes and the checks use). */
const BASE_RULED: readonly RuledColumn[] = ["status", "expiresAt", "tier", "risk", "scopes", "plan", "createdAt", "version", "approvalCount", "requiredApprovals"];
// Every other ruled value (changes, inputs, artifacts, trace, policies, the rollback plan, the raw
// envelope, the decision time): what the operator reads to judge the item. The page offers no decision
// with one of them unreadable, and neither does a direct call: an operator never approves what they
// could not see. Derived, so a rule added in stored-proposal.ts is checked here too.
const DESCRIPTIVE: readonly RuledColumn[] = RULED_COLUMNS.filter((c) => !BASE_RULED.includes(c));

/** The base fields of the items found, and the columns of each that cannot be read (a row planted by SQL). */
async function loadBase(ids: string[]): Promise<{ found: Base[]; unreadable: Map<string, string[]> }> {
  const found: Base[] = [];
  const unreadable = new Map<string, string[]>();
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const chunk = ids.slice(start, start + ID_CHUNK);
    // The descriptive values as packed rows, not through the query builder's raw results (stored-proposal.ts says why).
    const [rows, descriptive] = await Promise.all([
      db.$queryRawUnsafe<Record<string, unknown>[]>(`${BASE_SQL_HEAD}(${chunk.map((_, i) => sqlParam(i + 1)).join(", ")})`, ...chunk),
      unreadableColumnsOf(chunk, DESCRIPTIVE),
    ]);
    for (const r of rows) {
      // Every ruled value, by the page's rules (stored-proposal.ts): the plan (what runs) and its version's
      // row, the state, expiry, scopes, tier, risk and quorum here; the descriptive ones above. A row with
      // any of them unreadable is refused below.
      const damaged = unreadableColumns(Object.fromEntries(BASE_RULED.map((c) => [c, r[c]])));
      if (r.versionRow === null || r.versionRow === undefined) damaged.push(`version ${String(r.version)}`);
      damaged.push(...(descriptive.get(String(r.id)) ?? []));
      if (damaged.length > 0) {
        unreadable.set(String(r.id), damaged);
        // Only what the refusal and its log show: the rest may be what cannot be read.
        found.push({ id: String(r.id), title: String(r.title), status: String(r.status), expiresAt: null, actorEmail: null, tier: "", risk: "", intent: "", scopes: [], queueId: String(r.queueId), agent: { sponsorId: String(r.sponsorId) }, queue: { slug: String(r.slug), separationOfDuties: readBoolean(r.separationOfDuties) } });
        continue;
      }
      found.push({
        id: String(r.id),
        title: String(r.title),
        status: String(r.status),
        expiresAt: storedDate(r.expiresAt),
        actorEmail: r.actorEmail === null || r.actorEmail === undefined ? null : String(r.actorEmail),
        tier: String(r.tier),
        risk: String(r.risk),
        intent: String(r.intent),
        scopes: storedScopes(r.scopes),
        queueId: String(r.queueId),
        agent: { sponsorId: String(r.sponsorId) },
        queue: { slug: String(r.slug), separationOfDuties: readBoolean(r.separationOfDuties) },
      });
    }
  }
  return { found, unreadable };
}

/** The expiry and scopes of a row with every value readable, by the same rules (the values were checked above). */
const storedDate = (raw: unknown) => new StoredRow().optionalDate("expiresAt", raw);
const storedScopes = (raw: unknown) => new StoredRow().json("scopes", raw, isStringArray, []);

/** Why a damaged row cannot be decided, naming its values, and where tampering is proven. */
export function unreadableMessage(columns: string[]): string {
  return `Stored values of this proposal cannot be read (${columns.join(", ")}); it cannot be decided. Check the receipt chain with receipts:verify.`;
}

export function isRefusal(reason: string): reason is DecisionRefusalCode {
  return reason === "not_allowed" || reason === "separation_of_duties";
}

type DecisionResourceSource = {
  id: string;
  queue: { slug: string; separationOfDuties: boolean };
  tier: string;
  risk: string;
  intent: string;
  agent: { sponsorId: string };
  actorEmail: string | null;
  scopes: unknown;
};

/** The proposal as Cedar's decision questions see it: one mapping for deciders and for who-may-decide lookups. */
export function decisionResourceOf(p: DecisionResourceSource) {
  return {
    id: p.id,
    queueSlug: p.queue.slug,
    separationOfDuties: p.queue.separationOfDuties,
    tier: p.tier,
    risk: p.risk,
    intent: p.intent,
    sponsorId: p.agent.sponsorId,
    actorEmail: p.actorEmail ?? "",
    scopes: p.scopes as string[],
  };
}

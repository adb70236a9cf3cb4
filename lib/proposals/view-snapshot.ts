import "server-only";
// "Select all N matching": the server resolves a queue view (its filters, the
// same where-clause and order as the queue list, lib/proposals/list-queue.ts)
// to the ids and plan versions it matches now, up to SNAPSHOT_CAP, and hands
// the browser a signed snapshot with the count and a breakdown by agent,
// queue, tier and risk. Deciding the view decides exactly those ids, through
// the one batch path (decideParsed: per-item rights, quorum, separation of
// duties, version checks); items that arrived since are left alone and
// listed, items edited since are skipped as "changed".
//
// Why signed and not stored: the snapshot is an HMAC-SHA256 over the user id,
// the filters, the ids with their versions, and an expiry, keyed from
// NEXTAUTH_SECRET. No table, no migration, nothing to sweep; the browser
// can hold it but cannot change a byte of it (another id, another person's
// snapshot, a later expiry) without the server refusing it. Replaying a
// snapshot inside its lifetime decides nothing new: the items it names are
// decided, and each is checked again as any batch is. See docs/bulk-review.md.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/base/app-error";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requireDecider } from "@/lib/proposals/load-for-decision";
import { roleOnQueue } from "@/lib/users/queue-roles";
import { baseWhere, orderBy, statusWhere } from "@/lib/proposals/list-queue";
import { queueFiltersSchema, type QueueFilters } from "@/lib/proposals/queue-filters";
import { decideParsed, type DecideResult } from "@/lib/proposals/decide-proposals";

/** The most items one snapshot holds; a larger view is cut at this many, in the queue's order. */
export const SNAPSHOT_CAP = 5000;
/** How long a snapshot can be decided after it was taken. */
export const SNAPSHOT_TTL_MS = 15 * 60_000;
/** The most "arrived since" items a decision lists by name (the count is always exact up to the cap). */
const LEFT_OUT_LISTED = 100;

export type Tally = { value: string; count: number };
export type ViewSnapshot = {
  /** Signed: the browser sends it back unchanged to decide. */
  token: string;
  /** Items in the snapshot (at most SNAPSHOT_CAP). */
  count: number;
  /** Items the view matched when the snapshot was taken (may exceed the cap). */
  total: number;
  capped: boolean;
  takenAt: string;
  expiresAt: string;
  breakdown: { agent: Tally[]; queue: Tally[]; tier: Tally[]; risk: Tally[] };
  /** Items on queues where the person's role is viewer: they will be skipped. */
  notYours: number;
};

const snapshotBody = z.object({
  v: z.literal(1),
  u: z.string(),
  f: queueFiltersSchema,
  at: z.string(),
  exp: z.number(),
  i: z.array(z.tuple([z.string(), z.number().int()])),
});
type SnapshotBody = z.infer<typeof snapshotBody>;

// Without NEXTAUTH_SECRET (tests, a development server), a key for this process only.
const processKey = randomBytes(32);
function signingKey(): Buffer {
  const secret = env().NEXTAUTH_SECRET;
  return secret ? createHash("sha256").update(`countersign view snapshot\0${secret}`).digest() : processKey;
}

function sign(encoded: string): string {
  return createHmac("sha256", signingKey()).update(encoded).digest("base64url");
}

/** Only the filters that narrow the view, as strings: what a receipt records. */
export function filtersRecord(filters: QueueFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") out[key] = String(value);
  return out;
}

function tally(values: string[]): Tally[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The pending items a view matches now, in the queue's order, at most `take`. */
async function matching(filters: QueueFilters, now: Date, take: number) {
  return db.proposal.findMany({
    where: { AND: [...(await baseWhere(filters)), statusWhere("pending", now)] },
    orderBy: orderBy(filters.sort),
    take,
    select: { id: true, title: true, version: true, tier: true, risk: true, queueId: true, agent: { select: { name: true } }, queue: { select: { slug: true } } },
  });
}

function onlyPending(filters: QueueFilters) {
  if (filters.status !== "pending") throw new AppError("invalid", "view_not_pending", "Only the pending view can be decided as a whole.");
}

/** Resolves a view to a signed snapshot of its ids, for a person who decides somewhere. */
export async function snapshotView(user: CurrentUser, rawFilters: unknown, now = new Date()): Promise<ViewSnapshot> {
  const roles = await requireDecider(user);
  const filters = queueFiltersSchema.parse(rawFilters ?? {});
  onlyPending(filters);
  const [rows, total] = await Promise.all([
    matching(filters, now, SNAPSHOT_CAP),
    baseWhere(filters).then((base) => db.proposal.count({ where: { AND: [...base, statusWhere("pending", now)] } })),
  ]);
  const exp = now.getTime() + SNAPSHOT_TTL_MS;
  const body: SnapshotBody = { v: 1, u: user.id, f: filters, at: now.toISOString(), exp, i: rows.map((r) => [r.id, r.version]) };
  const encoded = Buffer.from(JSON.stringify(body)).toString("base64url");
  return {
    token: `${encoded}.${sign(encoded)}`,
    count: rows.length,
    total: Math.max(total, rows.length),
    capped: total > rows.length,
    takenAt: body.at,
    expiresAt: new Date(exp).toISOString(),
    breakdown: {
      agent: tally(rows.map((r) => r.agent.name)),
      queue: tally(rows.map((r) => r.queue.slug)),
      tier: tally(rows.map((r) => r.tier)),
      risk: tally(rows.map((r) => r.risk)),
    },
    notYours: rows.filter((r) => roleOnQueue(roles, r.queueId) === "viewer").length,
  };
}

/** The snapshot a token carries, if this server signed it for this person and it has not expired. */
export function readSnapshot(user: CurrentUser, token: string, now = new Date()): SnapshotBody {
  const [encoded, signature, extra] = token.split(".");
  const refuse = (message: string) => new AppError("invalid", "snapshot_invalid", message);
  if (!encoded || !signature || extra !== undefined) throw refuse("That selection is not one this server made. Select all matching again.");
  const expected = Buffer.from(sign(encoded));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refuse("That selection is not one this server made. Select all matching again.");
  const body = snapshotBody.parse(JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")));
  if (body.u !== user.id) throw refuse("That selection was made by someone else. Select all matching again.");
  if (body.exp <= now.getTime()) throw new AppError("conflict", "snapshot_expired", "That selection is more than 15 minutes old. Select all matching again to see what the view holds now.");
  return body;
}

export const decideViewInput = z
  .object({
    token: z.string().min(1).max(400_000),
    outcome: z.enum(["approved", "rejected"]),
    reason: z.string().trim().max(2000, "keep the reason under 2000 characters").optional(),
  })
  .transform((v) => ({ ...v, reason: v.reason || undefined }))
  .refine((v) => v.outcome !== "rejected" || !!v.reason, { message: "a rejection needs a reason", path: ["reason"] });
export type DecideViewInput = z.input<typeof decideViewInput>;

export type DecideViewResult = DecideResult & {
  /** Items the view matches now that were not in the snapshot: not decided (the first LEFT_OUT_LISTED by name). */
  leftOut: { count: number; items: { id: string; title: string }[] };
};

/** Decides exactly the snapshot's ids at the versions it saw; one batch id, the view recorded in each receipt. */
export async function decideView(user: CurrentUser, rawInput: DecideViewInput, now = new Date()): Promise<DecideViewResult> {
  const input = decideViewInput.parse(rawInput);
  await requireDecider(user); // a viewer is refused as on every decision path, before the snapshot is read
  const snapshot = readSnapshot(user, input.token, now);
  if (snapshot.i.length === 0) throw new AppError("invalid", "snapshot_empty", "That view matched nothing to decide.");
  const result = await decideParsed(
    user,
    { ids: snapshot.i.map(([id]) => id), versions: Object.fromEntries(snapshot.i), outcome: input.outcome, reason: input.reason },
    now,
    { filters: filtersRecord(snapshot.f), snapshot_size: snapshot.i.length, snapshot_at: snapshot.at },
  );
  const inSnapshot = new Set(snapshot.i.map(([id]) => id));
  const newcomers = (await matching(snapshot.f, now, SNAPSHOT_CAP)).filter((r) => !inSnapshot.has(r.id));
  return { ...result, leftOut: { count: newcomers.length, items: newcomers.slice(0, LEFT_OUT_LISTED).map((r) => ({ id: r.id, title: r.title })) } };
}

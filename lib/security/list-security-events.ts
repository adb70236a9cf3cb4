import "server-only";
// Reading the security log for the admin page: one page of refusals, newest
// first, by a (createdAt, id) keyset cursor, and the codes seen so far for the
// filter. Admins only: callers pass the user and it is checked here too.
import { db } from "@/lib/db/client";
import { assertAdmin } from "@/lib/roles/admin";
import { dayRange } from "@/lib/base/time-range";
import type { SecurityCursor, SecurityFilters } from "@/lib/security/security-filters";
import type { Prisma } from "@/generated/sqlite/client";

export const SECURITY_PAGE_SIZE = 50;

export type SecurityEventRow = {
  id: string;
  createdAt: string;
  actor: { type: string; id: string | null; label: string; detail: string | null };
  action: string;
  target: string | null;
  code: string;
  rule: string | null;
  message: string;
  ip: string | null;
};

export type SecurityEventPage = { rows: SecurityEventRow[]; next: SecurityCursor | null };

function str(source: unknown, key: string): string | null {
  if (!source || typeof source !== "object") return null;
  const value = (source as Record<string, unknown>)[key];
  return typeof value === "string" && value ? value : null;
}

/** Who, as the admin reads it: the email or agent name from the snapshot taken at the time. */
function actorOf(actorType: string, actorId: string | null, snapshot: unknown): SecurityEventRow["actor"] {
  if (actorType === "user") return { type: actorType, id: actorId, label: str(snapshot, "email") ?? actorId ?? "unknown user", detail: str(snapshot, "role") };
  if (actorType === "agent") return { type: actorType, id: actorId, label: str(snapshot, "name") ?? actorId ?? "unknown agent", detail: "agent" };
  return { type: actorType, id: null, label: "anonymous", detail: null };
}

/** The actor text filter: ids that match exactly, users by email and agents by name (substring), or the attempted sign-in email. */
async function actorWhere(text: string): Promise<Prisma.SecurityEventWhereInput> {
  const needle = text.toLowerCase();
  const [users, agents] = await Promise.all([
    db.user.findMany({ where: { email: { contains: needle } }, select: { id: true }, take: 200 }),
    db.agent.findMany({ where: { name: { contains: needle } }, select: { id: true }, take: 200 }),
  ]);
  const ids = [text, ...users.map((u) => u.id), ...agents.map((a) => a.id)];
  return { OR: [{ actorId: { in: ids } }, { target: needle }] };
}

export async function securityEventWhere(filters: SecurityFilters): Promise<Prisma.SecurityEventWhereInput> {
  const and: Prisma.SecurityEventWhereInput[] = [];
  if (filters.code) and.push({ code: filters.code });
  if (filters.actorType) and.push({ actorType: filters.actorType });
  if (filters.actor) and.push(await actorWhere(filters.actor));
  const range = dayRange(filters);
  if (range) and.push({ createdAt: range });
  return and.length ? { AND: and } : {};
}

/** One page, newest first. `cursor` is the last row of the previous page. */
export async function listSecurityEvents(
  user: { role: string },
  filters: SecurityFilters,
  cursor: SecurityCursor | null = null,
): Promise<SecurityEventPage> {
  assertAdmin(user);
  const where = await securityEventWhere(filters);
  const after: Prisma.SecurityEventWhereInput | null = cursor
    ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
    : null;
  const rows = await db.securityEvent.findMany({
    where: after ? { AND: [where, after] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: SECURITY_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, SECURITY_PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      actor: actorOf(r.actorType, r.actorId, r.actor),
      action: r.action,
      target: r.target,
      code: r.code,
      rule: r.rule,
      message: r.message,
      ip: r.ip,
    })),
    next: rows.length > SECURITY_PAGE_SIZE && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

export async function countSecurityEvents(user: { role: string }, filters: SecurityFilters): Promise<number> {
  assertAdmin(user);
  return db.securityEvent.count({ where: await securityEventWhere(filters) });
}

/** Every code recorded so far, for the filter's choices. */
export async function listSecurityCodes(user: { role: string }): Promise<string[]> {
  assertAdmin(user);
  const groups = await db.securityEvent.groupBy({ by: ["code"], orderBy: { code: "asc" } });
  return groups.map((g) => g.code);
}

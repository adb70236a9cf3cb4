// In-process cost of the queue page's reads, per view, without HTTP or rendering: the same calls
// app/(app)/queue/page.tsx and its groups section make (outside a render React's cache() calls
// through, so a text search runs twice here, once in the server's page), median wall and CPU ms of QUEUE_ROUNDS (default 7) after one warm-up,
// and the SQL statements each view sends (SQLite: statements prepared or run; PostgreSQL: queries).
// Run with the bench's DATABASE_URL: `DATABASE_URL=… npx tsx --conditions=react-server scripts/bench/queue-inprocess.ts [view…]`.
import Database from "better-sqlite3";
import pg from "pg";
import { countByStatus, listFilterOptions, listQueue } from "@/lib/proposals/list-queue";
import { listLookAlikeGroups } from "@/lib/proposals/look-alike-groups";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { loadQueueRoles } from "@/lib/users/queue-roles";
import { db } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";

let statements = 0;
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, source: string) {
  const statement = prepare.call(this, source);
  for (const method of ["all", "get", "run", "iterate"] as const) {
    const original = (statement as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    if (original) (statement as unknown as Record<string, unknown>)[method] = function (this: unknown, ...a: unknown[]) { statements++; return original.apply(this, a); };
  }
  return statement;
} as typeof prepare;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  statements++;
  return (query as (...x: unknown[]) => unknown).apply(this, a);
} as typeof query;

const views = process.argv.slice(2).length ? process.argv.slice(2) : ["/queue", "/queue?risk=critical&tier=commit&sort=expiry", "/queue?status=all&q=refund", "/queue?q=ops12%40company.com"];
const rounds = Number(process.env.QUEUE_ROUNDS ?? 7);
const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, select: { id: true, email: true, name: true, role: true } });
const user = { ...admin, authMethod: "password" } as CurrentUser;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const view of views) {
  const filters = parseQueueFilters(Object.fromEntries(new URL(view, "http://x").searchParams));
  const wall: number[] = [];
  const cpu: number[] = [];
  let sent = 0;
  for (let i = 0; i <= rounds; i++) {
    const s0 = statements;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all([
      listQueue(filters, null),
      countByStatus(filters),
      listFilterOptions(),
      loadQueueRoles(user),
      filters.status === "pending" && !filters.flag ? listLookAlikeGroups(user, { queue: filters.queue, agent: filters.agent }) : null,
    ]);
    const t = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (i === 0) continue;
    wall.push(t);
    cpu.push((c.user + c.system) / 1000);
    sent = statements - s0;
  }
  console.log(`${view.padEnd(52)} median ${median(wall).toFixed(1).padStart(6)} ms wall, ${median(cpu).toFixed(1).padStart(6)} ms CPU, ${sent} statements (${wall.map((w) => w.toFixed(0)).join(" ")})`);
}
await db.$disconnect();
process.exit(0);

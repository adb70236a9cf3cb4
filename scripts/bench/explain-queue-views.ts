// Which "Proposal" index each queue view reads, on the database DATABASE_URL
// names: before an index is dropped or merged, every view that reads it shows
// here (run it on both databases, on a filled million: the planners choose by
// table size). It runs each view's reads as the /queue page does (the list and
// its second page, the counts, the filter options, the text search, the
// look-alike groups), a group's page, "decide the whole view" snapshots and the
// insight page's pending figures, records every statement that names
// "Proposal" as the driver receives it, and asks the database for each one's
// plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL) with the same
// values. Prints each index with the views that read it, and the views that
// read the whole table ("full scan"). VERBOSE=1 prints every statement and
// its plan; VIEWS="/queue?sort=risk /queue?status=all" replaces the view list.
// Reads only, as the page does (a view's read may compact the tally; that is not shown).
import pg from "pg";
import Database from "better-sqlite3";
import { countByStatus, listFilterOptions, listQueue } from "@/lib/proposals/list-queue";
import { getLookAlikeGroup, listLookAlikeGroups } from "@/lib/proposals/look-alike-groups";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { searchProposals } from "@/lib/proposals/search-proposals";
import { snapshotView } from "@/lib/proposals/view-snapshot";
import { pendingNow } from "@/lib/insights/pending-now";
import { loadQueueRoles } from "@/lib/users/queue-roles";
import { databaseTarget, db } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { BENCH_QUEUE_VIEWS } from "./queue-views.ts";

type Statement = { sql: string; params: unknown[] };
const POSTGRES = databaseTarget.provider === "postgresql";

// bench:queue's views (scripts/bench-queue.ts), an id prefix as an operator pastes it, and each tab sorted by risk.
const QUEUE_VIEWS = [...BENCH_QUEUE_VIEWS, "/queue?sort=risk", "/queue?status=rejected&sort=risk"];

let recorded: Statement[] = [];
let recording = true;
recordStatements();

const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, select: { id: true, email: true, name: true, role: true } });
const user = { ...admin, authMethod: "password" } as CurrentUser;
const idPrefix = (await db.proposal.findFirstOrThrow({ where: { status: "rejected" }, select: { id: true } })).id.slice(0, 8);
const views = process.env.VIEWS ? process.env.VIEWS.split(" ") : [...QUEUE_VIEWS, `/queue?status=all&q=${idPrefix}`];

const byView = new Map<string, Statement[]>();
for (const view of views) byView.set(view, await statementsOf(() => readQueuePage(view)));
if (!process.env.VIEWS) {
  byView.set("group page", await statementsOf(async () => {
    const [group] = await listLookAlikeGroups(user, {});
    if (group) await getLookAlikeGroup(user, group.key);
  }));
  byView.set("decide the whole view", await statementsOf(async () => {
    await snapshotView(user, { status: "pending" });
    await snapshotView(user, { status: "pending", queue: "bench-2", risk: "critical", tier: "commit" });
  }));
  byView.set("insights: pending now", await statementsOf(() => pendingNow(new Map(), new Date())));
}
recording = false;

const readers = new Map<string, Set<string>>();
const explain = await explainer();
for (const [view, statements] of byView) {
  const seen = new Set<string>();
  for (const s of statements) {
    const key = s.sql + JSON.stringify(s.params, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    if (seen.has(key)) continue;
    seen.add(key);
    const plan = await explain(s);
    for (const index of indexesIn(plan)) (readers.get(index) ?? readers.set(index, new Set()).get(index)!).add(view);
    if (process.env.VERBOSE) console.log(`--- ${view}\n${s.sql.replace(/\s+/g, " ").slice(0, 400)}\n${plan}\n`);
  }
}
console.log(`${databaseTarget.provider}: the views that read each index of "Proposal"`);
for (const [index, viewSet] of [...readers].sort(([a], [b]) => a.localeCompare(b))) console.log(`${index.padEnd(58)} ${[...viewSet].join(" | ")}`);
await db.$disconnect();
process.exit(0);

/** The /queue page's reads for one view (app/(app)/queue/page.tsx and groups-section.tsx), and its second page. */
async function readQueuePage(view: string): Promise<void> {
  const filters = parseQueueFilters(Object.fromEntries(new URL(view, "http://x").searchParams));
  const [page] = await Promise.all([
    listQueue(filters, null),
    countByStatus(filters),
    listFilterOptions(),
    loadQueueRoles(user),
    filters.q ? searchProposals(filters.q) : null,
    filters.status === "pending" && !filters.flag ? listLookAlikeGroups(user, { queue: filters.queue, agent: filters.agent }) : null,
  ]);
  if (page.nextCursor) await listQueue(filters, page.nextCursor);
}

async function statementsOf(work: () => Promise<unknown>): Promise<Statement[]> {
  recorded = [];
  await work();
  return recorded;
}

/**
 * Every read naming "Proposal", as the driver gets it: pg's client, or better-sqlite3's statements (Prisma's and ours).
 * Only reads: a view's read may also compact the tally (a LOCK TABLE and a rewrite), which has no plan to show.
 */
function recordStatements(): void {
  const keep = (sql: string, params: unknown[]) => {
    if (recording && /^\s*(SELECT|WITH)\b/i.test(sql) && /Proposal/.test(sql)) recorded.push({ sql, params });
  };
  if (POSTGRES) {
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as { text?: string; values?: unknown[] } | string;
      const params = typeof first === "string" ? args[1] : first?.values;
      keep(typeof first === "string" ? first : (first?.text ?? ""), Array.isArray(params) ? params : []);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    return;
  }
  type Recordable = { source: string; boundValues?: unknown[] };
  const prototype = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<string, (...a: unknown[]) => unknown>;
  const bind = prototype.bind!;
  // Prisma's adapter binds first (statement.bind(values)) and then runs without values.
  prototype.bind = function (this: Recordable, ...values: unknown[]) {
    this.boundValues = values;
    return bind.apply(this, values);
  };
  for (const method of ["all", "get", "iterate", "run"]) {
    const run = prototype[method]!;
    prototype[method] = function (this: Recordable, ...values: unknown[]) {
      keep(this.source, values.length > 0 ? values : (this.boundValues ?? []));
      return run.apply(this, values);
    };
  }
}

/** The plan of a recorded statement, as text, on a connection of its own. */
async function explainer(): Promise<(s: Statement) => Promise<string>> {
  const target = databaseTarget;
  if (target.provider === "postgresql") {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    return async (s) => (await client.query<{ "QUERY PLAN": string }>({ text: `EXPLAIN ${s.sql}`, values: s.params })).rows.map((r) => r["QUERY PLAN"]).join("\n");
  }
  const sqlite = new Database(target.file, { readonly: true, fileMustExist: true });
  return async (s) =>
    sqlite
      .prepare(`EXPLAIN QUERY PLAN ${s.sql}`)
      .all(...s.params)
      .map((r) => (r as { detail: string }).detail)
      .join("\n");
}

/** The indexes of "Proposal" a plan reads, and "full scan" when it reads the whole table. */
function indexesIn(plan: string): string[] {
  const names = (plan.match(/Proposal_[A-Za-z_]+|sqlite_autoindex_Proposal_1/g) ?? []).map((n) => (n === "sqlite_autoindex_Proposal_1" ? "Proposal_pkey (SQLite: the id's own index)" : n));
  if (/Seq Scan on "?Proposal"?(?![A-Za-z])|SCAN (main\.)?"?Proposal"?(?! USING)(\s|$)/m.test(plan)) names.push("full scan");
  return [...new Set(names)];
}

import "server-only";
// The one hook the writers call, inside the transaction of their change:
// `recordInsights(tx, events)` adds the events to the daily rollup rows with
// one upsert per table (INSERT ... ON CONFLICT DO UPDATE SET n = n + excluded.n,
// the same SQL on SQLite and PostgreSQL), so a rollup is exactly as committed
// as the change it counts and the insight pages never scan proposals.
// Every writer calls it AFTER appending its receipts: the receipt chain's head
// lock is then already held, so writers reach the rollup rows one at a time
// and never hold a rollup row while waiting for the head (which would
// deadlock against one holding the head on PostgreSQL). Rows are written in
// key order all the same.
import { databaseTarget } from "@/lib/db/client";
import { asSql, type Sql, type SqlTarget } from "@/lib/db/sql";
import { addEvents, DAILY_COUNTERS, emptyDeltas, type InsightDeltas, type InsightEvent } from "@/lib/insights/insight-events";

const POSTGRES = databaseTarget.provider === "postgresql";
const qualified = (table: string) => (databaseTarget.provider === "postgresql" && databaseTarget.schema ? `"${databaseTarget.schema}"."${table}"` : `"${table}"`);
/** Rows per statement: at most 13 parameters each, far below both databases' limits. */
const CHUNK = 200;

type Table = { name: string; keys: string[]; counters: string[] };
export const INSIGHT_TABLES = {
  daily: { name: "InsightDaily", keys: ["day", "queueId", "agentId"], counters: [...DAILY_COUNTERS] },
  queueDaily: { name: "InsightQueueDaily", keys: ["day", "queueId"], counters: [...DAILY_COUNTERS] },
  agentDaily: { name: "InsightAgentDaily", keys: ["day", "agentId"], counters: [...DAILY_COUNTERS] },
  latency: { name: "InsightLatency", keys: ["day", "queueId", "bucket"], counters: ["count"] },
  personDaily: { name: "InsightPersonDaily", keys: ["day", "userId"], counters: ["approvals", "rejections"] },
  personLatency: { name: "InsightPersonLatency", keys: ["day", "userId", "bucket"], counters: ["count"] },
} satisfies Record<keyof InsightDeltas, Table>;

export async function recordInsights(tx: SqlTarget, events: InsightEvent[]): Promise<void> {
  if (events.length === 0) return;
  await writeDeltas(tx, addEvents(emptyDeltas(), events));
}

/** Adds the deltas to the stored rows (creating rows that are not there yet). */
export async function writeDeltas(target: SqlTarget, deltas: InsightDeltas): Promise<void> {
  const sql = asSql(target);
  for (const part of Object.keys(INSIGHT_TABLES) as (keyof InsightDeltas)[]) {
    const rows = [...deltas[part].entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row as Record<string, string | number>);
    await upsertAdding(sql, INSIGHT_TABLES[part], rows);
  }
}

async function upsertAdding(sql: Sql, table: Table, rows: Record<string, string | number>[]): Promise<void> {
  const columns = [...table.keys, ...table.counters];
  const target = qualified(table.name);
  const additions = table.counters.map((c) => `"${c}" = ${target}."${c}" + excluded."${c}"`).join(", ");
  for (let start = 0; start < rows.length; start += CHUNK) {
    const values: (string | number)[] = [];
    const tuples = rows.slice(start, start + CHUNK).map((row) => {
      const cells = columns.map((c) => {
        values.push(row[c]!);
        return POSTGRES ? `$${values.length}` : "?";
      });
      return `(${cells.join(", ")})`;
    });
    await sql.execute(
      `INSERT INTO ${target} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")} ` +
        `ON CONFLICT (${table.keys.map((k) => `"${k}"`).join(", ")}) DO UPDATE SET ${additions}`,
      values,
    );
  }
}

// Fills a migrated database with N proposals (P pending) for the queue
// benchmark, by multi-row INSERTs in large transactions (a million rows in
// minutes; the search index is filled by the database's own triggers or
// generated column, as for any writer). Several intents, titles, agents,
// queues, risks, tiers and acting-for people, so filters and searches are
// meaningful. Run with DATABASE_URL set; prints JSON.
import { createHash, randomUUID } from "node:crypto";
import { db, databaseTarget } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { riskRank } from "@/lib/proposals/risk";
import { shapeKey, type ShapeSource } from "@/lib/proposals/shape-key";
import { benchEnvelope } from "./envelopes.ts";

const [totalArg, pendingArg, ...flags] = process.argv.slice(2);
// --varied (bench:queue): five intents and title shapes, five names, agents and queues crossed; otherwise
// every row is the vendor payment the other benchmarks (insights, simulate, receipts) were measured with.
const varied = flags.includes("--varied");
const total = Number(totalArg ?? 100_000);
const pending = Number(pendingArg ?? 20_000);
const postgres = databaseTarget.provider === "postgresql";
const queues = await db.queue.findMany({ select: { id: true, slug: true } });
const agents = await db.agent.findMany({ select: { id: true } });
const RISKS = ["low", "medium", "high", "critical"];
const DONE = ["approved", "rejected", "executed", "expired", "cancelled", "failed"];
const KINDS = [
  { intent: "pay_vendor_bill", title: (n: string, amount: string) => `Pay vendor invoice INV-${n} ($${amount})` },
  { intent: "refund_customer", title: (n: string, amount: string) => `Refund order ORD-${n} to customer ($${amount})` },
  { intent: "update_vendor_bank", title: (n: string) => `Update bank details for vendor V-${n}` },
  { intent: "send_customer_email", title: (n: string) => `Send overdue reminder for account ACC-${n}` },
  { intent: "cancel_subscription", title: (n: string, amount: string) => `Cancel subscription SUB-${n} (credit $${amount})` },
];
const NAMES = ["Dana Ops", "Lee Finance", "Sam Support", "Alex Billing", "Robin Treasury"];
const COLUMNS = [
  "id", "agentId", "queueId", "intent", "title", "summary", "actorType", "actorId", "actorEmail", "actorName", "agentModel", "agentVersion", "agentRunId",
  "scopes", "tier", "risk", "riskRank", "inputs", "plan", "changes", "artifacts", "trace", "envelope", "digest", "status", "intakeResponse",
  "expiresAt", "decidedAt", "createdAt", "updatedAt", "shapeKey",
] as const;
const JSON_COLUMNS = new Set(["scopes", "inputs", "plan", "changes", "artifacts", "trace", "envelope", "intakeResponse"]);
const DATE_COLUMNS = new Set(["expiresAt", "decidedAt", "createdAt", "updatedAt"]);
const ROWS_PER_INSERT = 500; // 31 columns: 15,500 parameters, under both databases' limits
const ROWS_PER_TRANSACTION = 20_000;
/** Rows built in JavaScript; more are copies of these made by the database itself (see copyRows). */
const BASE = Math.min(total, Number(process.env.FILL_BASE ?? 100_000));

const now = Date.now();
const step = Math.max(1, Math.round(total / Math.max(1, pending)));
// Dates as each adapter writes them: SQLite stores Prisma's ISO text, PostgreSQL a timestamp(3) (cast below).
const dateValue = (ms: number | null) => (ms === null ? null : postgres ? new Date(ms).toISOString() : new Date(ms).toISOString().replace("Z", "+00:00"));
const shapeKeys = new Map<string, string>();

function row(i: number): { proposal: unknown[]; version: unknown[] | null } {
  const queue = queues[(varied ? Math.floor(i / 7) : i) % queues.length]!;
  const agent = agents[i % agents.length]!;
  const kind = KINDS[varied ? Math.floor(i / 3) % KINDS.length : 0]!;
  const base = benchEnvelope(queue.slug, i);
  const number = String(100000 + i);
  const actor = { ...base.actor, name: varied ? NAMES[i % NAMES.length]! : base.actor.name };
  const envelope = { ...base, intent: kind.intent, title: kind.title(number, base.inputs.amount), actor };
  const isPending = i % step === 0;
  const risk = RISKS[(i * 7) % 4]!;
  const tier = i % 10 === 0 ? "write:draft" : "commit";
  const createdAt = now - ((i * 7919) % (90 * 86400)) * 1000;
  const id = randomUUID();
  const digest = createHash("sha256").update(JSON.stringify(envelope)).digest("hex");
  const status = isPending ? "pending" : DONE[i % DONE.length]!;
  const shapeId = `${agent.id}/${queue.id}/${kind.intent}`;
  if (!shapeKeys.has(shapeId)) shapeKeys.set(shapeId, shapeKey({ agentId: agent.id, queueId: queue.id, intent: kind.intent, ...(envelope as unknown as Pick<ShapeSource, "plan" | "changes">) }));
  const values: Record<(typeof COLUMNS)[number], unknown> = {
    id,
    agentId: agent.id,
    queueId: queue.id,
    intent: kind.intent,
    title: envelope.title,
    summary: envelope.summary,
    actorType: "user",
    actorId: actor.id,
    actorEmail: actor.email,
    actorName: actor.name,
    agentModel: envelope.agent.model,
    agentVersion: envelope.agent.version,
    agentRunId: envelope.agent.run_id,
    scopes: envelope.scopes,
    tier,
    risk,
    riskRank: riskRank(risk),
    inputs: envelope.inputs,
    plan: envelope.plan,
    changes: envelope.changes,
    artifacts: envelope.artifacts,
    trace: envelope.trace,
    envelope,
    digest,
    status,
    intakeResponse: { id, status: "pending", tier, digest, url: "" },
    expiresAt: isPending ? dateValue(now + ((i % 240) + 1) * 3600_000) : null,
    // Closed ones were closed some seconds to days later (the insight rollups' time to decision).
    decidedAt: isPending ? null : dateValue(Math.min(now, createdAt + ((i * 104_729) % (3 * 86_400)) * 1000)),
    createdAt: dateValue(createdAt),
    updatedAt: dateValue(createdAt),
    shapeKey: shapeKeys.get(shapeId)!,
  };
  const proposal = COLUMNS.map((c) => (JSON_COLUMNS.has(c) && values[c] !== null ? JSON.stringify(values[c]) : values[c]));
  const version = isPending ? [randomUUID(), id, 1, JSON.stringify(envelope.plan), digest, dateValue(createdAt)] : null;
  return { proposal, version };
}

/** One multi-row INSERT: `VALUES (…), (…)` with numbered (PostgreSQL, with casts) or positional (SQLite) parameters. */
function insertSql(table: string, columns: readonly string[], rows: number, cast: (column: string) => string): string {
  let n = 0;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${columns.map((c) => (postgres ? `$${++n}${cast(c)}` : "?")).join(", ")})`);
  return `INSERT INTO ${qualifiedTable(table)} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`;
}
const proposalCast = (c: string) => (JSON_COLUMNS.has(c) ? "::jsonb" : DATE_COLUMNS.has(c) ? "::timestamp(3)" : "");
const VERSION_COLUMNS = ["id", "proposalId", "version", "plan", "digest", "createdAt"];
const versionCast = (c: string) => (c === "plan" ? "::jsonb" : c === "createdAt" ? "::timestamp(3)" : "");

const started = performance.now();
for (let offset = 0; offset < BASE; offset += ROWS_PER_TRANSACTION) {
  const end = Math.min(BASE, offset + ROWS_PER_TRANSACTION);
  await db.$transaction(
    async (tx) => {
      for (let from = offset; from < end; from += ROWS_PER_INSERT) {
        const built = Array.from({ length: Math.min(end, from + ROWS_PER_INSERT) - from }, (_, k) => row(from + k));
        await tx.$executeRawUnsafe(insertSql("Proposal", COLUMNS, built.length, proposalCast), ...built.flatMap((b) => b.proposal));
        const versions = built.flatMap((b) => (b.version ? [b.version] : []));
        if (versions.length) await tx.$executeRawUnsafe(insertSql("ProposalVersion", VERSION_COLUMNS, versions.length, versionCast), ...versions.flat());
      }
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  if (process.stderr.isTTY) process.stderr.write(`\r  ${end.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} rows`);
}
/**
 * Copy `copy` (1, 2, …) of the first `rows` built rows, made by one INSERT … SELECT in the database (a
 * million rows in minutes, not the JavaScript's hour): a new id (the first character replaced by a letter for
 * the copy), the title's number moved on (INV-100123 → INV-200123), created `copy` hours earlier, the same
 * status, queue, agent and shape; the pending ones get their version 1 row too.
 */
async function copyRows(copy: number, rows: number) {
  const proposal = qualifiedTable("Proposal");
  // g, h, …, z: never a UUID's first (hex) character, so a copy's id is new.
  if (copy > 20) throw new Error("fill-proposals copies its FILL_BASE rows at most 20 times");
  const mark = String.fromCharCode(0x66 + copy);
  const newId = (column: string) => `'${mark}' || substr(${column}, 2)`;
  const runNumber = `CAST(substr("agentRunId", 5) AS INTEGER)`;
  const earlier = (column: string) => (postgres ? `${column} - interval '${copy} hours'` : `strftime('%Y-%m-%dT%H:%M:%f+00:00', ${column}, '-${copy} hours')`);
  const copied = COLUMNS.map((c) => {
    if (c === "id") return newId(`"id"`);
    if (c === "title") return `replace("title", '-1', '-${copy + 1}')`;
    if (c === "agentRunId") return `'run_' || (${runNumber} + ${copy * BASE})`;
    if (c === "createdAt" || c === "updatedAt" || c === "decidedAt") return earlier(`"${c}"`);
    return `"${c}"`;
  });
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO ${proposal} (${COLUMNS.map((c) => `"${c}"`).join(", ")}) SELECT ${copied.join(", ")} FROM ${proposal} WHERE "agentRunId" LIKE 'run_%' AND ${runNumber} < ${rows}`,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO ${qualifiedTable("ProposalVersion")} ("id", "proposalId", "version", "plan", "digest", "createdAt") SELECT ${newId(`v."id"`)}, ${newId(`v."proposalId"`)}, v."version", v."plan", v."digest", v."createdAt" FROM ${qualifiedTable("ProposalVersion")} v JOIN ${proposal} p ON p."id" = v."proposalId" WHERE ${runNumber.replace('"agentRunId"', 'p."agentRunId"')} < ${rows}`,
      );
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  if (process.stderr.isTTY) process.stderr.write(`\r  ${Math.min(total, (copy + 1) * BASE).toLocaleString("en-US")} / ${total.toLocaleString("en-US")} rows`);
}
for (let copy = 1; copy * BASE < total; copy++) await copyRows(copy, Math.min(BASE, total - copy * BASE));
if (process.stderr.isTTY) process.stderr.write("\n");
const filledSeconds = (performance.now() - started) / 1000;
// Fresh statistics for the planners (and PostgreSQL's visibility map, for index-only counts), as autovacuum would give a live server.
await db.$executeRawUnsafe(postgres ? `VACUUM ANALYZE ${qualifiedTable("Proposal")}` : "ANALYZE");
const counts = await db.proposal.groupBy({ by: ["status"], _count: { _all: true } });
console.log(JSON.stringify({ seconds: filledSeconds, analyzeSeconds: (performance.now() - started) / 1000 - filledSeconds, counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) }));
await db.$disconnect();

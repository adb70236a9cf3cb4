// Bench preparation, PostgreSQL only: on a COPY of a filled bench database (its name must contain
// "bench"), rewrites each receipt's actor and payload as their canonical JSON text, as the chain
// writer stores them since migration receipt_json_text, so a million receipts filled before it look
// as the current writer would have written them (a fill through the writer takes about 15 minutes
// here; this, about 6). The values are the same, so every stored hash still holds. The append-only
// trigger is disabled for the rewrite and enabled again after; run VACUUM FULL "Receipt" afterwards.
//   DATABASE_URL=postgresql://…/ct_x_bench_copy npx tsx --conditions=react-server scripts/bench/receipts-canonical-copy.ts
import pg from "pg";
import { canonicalJson } from "@/lib/base/canonical-json";

const url = process.env.DATABASE_URL ?? "";
if (!url.startsWith("postgres") || !new URL(url).pathname.includes("bench")) {
  throw new Error("DATABASE_URL must name a PostgreSQL bench copy (a database whose name contains 'bench')");
}
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query('ALTER TABLE "Receipt" DISABLE TRIGGER "Receipt_no_update"');
try {
  let after = 0;
  for (;;) {
    const { rows } = await client.query<{ seq: number; actor: unknown; payload: unknown }>('SELECT "seq", "actor", "payload" FROM "Receipt" WHERE "seq" > $1 ORDER BY "seq" LIMIT 20000', [after]);
    if (rows.length === 0) break;
    await client.query('UPDATE "Receipt" r SET "actor" = v.a::json, "payload" = v.p::json FROM unnest($1::int[], $2::text[], $3::text[]) AS v(seq, a, p) WHERE r."seq" = v.seq', [
      rows.map((r) => r.seq),
      rows.map((r) => canonicalJson(r.actor)),
      rows.map((r) => canonicalJson(r.payload)),
    ]);
    after = rows.at(-1)!.seq;
    process.stderr.write(`  … through #${after.toLocaleString("en-US")}\r`);
  }
} finally {
  await client.query('ALTER TABLE "Receipt" ENABLE TRIGGER "Receipt_no_update"');
  await client.end();
}

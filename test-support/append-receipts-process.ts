// For the receipt-chain tests: another app instance, as a separate process on
// the same database (DATABASE_URL), appending `count` transactions of two
// receipts each, all at once. Prints the seqs written, one JSON line.
// (Two SQLite connections in one process would block each other's event loop.)
import { db } from "@/lib/db/client";
import { appendReceipts } from "@/lib/receipts/append-receipt";

const count = Number(process.argv[2] ?? 10);
const actor = { type: "system", id: "chain-test-process", name: "Chain test (other process)" } as const;
const written = await Promise.all(
  Array.from({ length: count }, (_, n) =>
    db.$transaction(
      (tx) => appendReceipts(tx, [0, 1].map((part) => ({ kind: "queue_setting_changed" as const, actor, payload: { queue: `process-${n}-${part}`, setting: "separation_of_duties", before: false, after: true } }))),
      { timeout: 20_000, maxWait: 20_000 },
    ),
  ),
);
console.log(JSON.stringify(written.map((pair) => pair.map((w) => w.seq))));
await db.$disconnect();

// A hashing worker of receipt-hash-pool.ts (`receipts:verify`): reads the
// ranges of receipts it is asked for on a database connection of its own and
// answers whether each one's hash matches its contents. Started by the pool
// with the database target as its workerData; it exits when the pool stops it.
import { parentPort, workerData } from "node:worker_threads";
import type { DatabaseTarget } from "@/lib/base/database-url";
import { answerHashRequest, openReceiptReader, type HashRequest } from "@/lib/receipts/receipt-hash-pool";

const reader = await openReceiptReader(workerData as DatabaseTarget);
// One request at a time, in the order asked: the pool reads the answers in that order.
let queue = Promise.resolve();
parentPort!.on("message", (request: HashRequest) => {
  queue = queue.then(async () => {
    try {
      const reply = await answerHashRequest(reader, request);
      // The typed arrays are handed over, not copied.
      parentPort!.postMessage(reply, [reply.seq.buffer, reply.ends.buffer, reply.checked.buffer] as ArrayBuffer[]);
    } catch (error) {
      parentPort!.postMessage({ id: request.id, error: (error as Error).message });
    }
  });
});

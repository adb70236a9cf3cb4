import "server-only";
// Switching separation of duties off is allowed only for one-person installs,
// and only as an explicit, audited act: the change and its receipt commit together.
import { db } from "@/lib/db/client";
import { appendReceipt, type ReceiptActor } from "@/lib/receipts/append-receipt";

export class QueueNotFoundError extends Error {}

export async function setSeparationOfDuties(slug: string, enabled: boolean, actor: ReceiptActor, reason: string) {
  return db.$transaction(async (tx) => {
    const queue = await tx.queue.findUnique({ where: { slug }, select: { id: true, separationOfDuties: true } });
    if (!queue) throw new QueueNotFoundError(`No queue with slug ${slug}.`);
    if (queue.separationOfDuties === enabled) return { slug, enabled, changed: false };
    await tx.queue.update({ where: { id: queue.id }, data: { separationOfDuties: enabled } });
    await appendReceipt(tx, {
      kind: "queue_setting_changed",
      actor,
      reason,
      payload: { queue: slug, setting: "separation_of_duties", before: queue.separationOfDuties, after: enabled },
    });
    return { slug, enabled, changed: true };
  });
}

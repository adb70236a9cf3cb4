import "server-only";
// Changing the scope domains a queue governs: an admin act, recorded as a
// receipt in the same transaction. Proposals already in the queue stay where
// they are (they were accepted under the rule of their time); the next
// proposal is checked against the new domains (lib/queues/find-queue-by-slug.ts
// says how soon on other app instances).
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { forgetQueue } from "@/lib/queues/find-queue-by-slug";
import { queueDomainsSchema, readQueueDomains } from "@/lib/queues/queue-domains";

export const setQueueDomainsInput = z.object({
  slug: z.string().min(1).max(64),
  domains: queueDomainsSchema,
});

export async function setQueueDomains(caller: AdminCaller, raw: z.input<typeof setQueueDomainsInput>) {
  const actor = adminActor(caller);
  const input = setQueueDomainsInput.parse(raw);
  const result = await db.$transaction(async (tx) => {
    const queue = await tx.queue.findUnique({ where: { slug: input.slug }, select: { id: true, domains: true } });
    if (!queue) throw new AppError("not_found", "not_found", `No queue with slug ${input.slug}.`);
    const before = [...readQueueDomains(queue.domains)].sort();
    const after = input.domains;
    if (before.length === after.length && before.every((d, i) => d === after[i])) {
      return { slug: input.slug, before, domains: after, changed: false };
    }
    await tx.queue.update({ where: { id: queue.id }, data: { domains: after } });
    await appendReceipt(tx, {
      kind: "queue_setting_changed",
      actor,
      payload: {
        queue: input.slug,
        setting: "domains",
        before,
        after,
        added: after.filter((d) => !before.includes(d)),
        removed: before.filter((d) => !after.includes(d)),
      },
    });
    return { slug: input.slug, before, domains: after, changed: true };
  });
  forgetQueue(input.slug);
  return result;
}

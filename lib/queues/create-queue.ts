import "server-only";
// Creating a queue, from the admin page or the command line: the same input
// rules, the admin check, and the queue and its receipt commit together.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { forgetQueue } from "@/lib/queues/find-queue-by-slug";
import { queueDomainsSchema } from "@/lib/queues/queue-domains";

export const queueSlugSchema = z
  .string()
  .min(2, "a slug is at least 2 characters")
  .max(64, "a slug is at most 64 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lowercase letters, digits and single dashes (e.g. accounts-payable)");

export const createQueueInput = z.object({
  slug: queueSlugSchema,
  name: z.string().trim().min(1, "is required").max(200),
  description: z.string().max(2000).optional(),
  defaultTtlSeconds: z.number().int().positive().optional(),
  /** The scope domains the queue governs (lib/queues/queue-domains.ts). */
  domains: queueDomainsSchema,
});
export type CreateQueueInput = z.input<typeof createQueueInput>;

export async function createQueue(caller: AdminCaller, raw: CreateQueueInput, now = new Date()) {
  const actor = adminActor(caller);
  const input = createQueueInput.parse(raw);
  const queue = await db.$transaction(async (tx) => {
    if (await tx.queue.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new AppError("conflict", "exists", `A queue with slug ${input.slug} already exists.`);
    }
    const created = await tx.queue.create({ data: { ...input, createdAt: now, updatedAt: now }, select: { id: true, slug: true, name: true, domains: true } });
    await appendReceipt(tx, {
      kind: "queue_created",
      actor,
      at: now,
      payload: {
        queue: created.slug,
        queue_id: created.id,
        name: created.name,
        domains: input.domains,
        default_ttl_seconds: input.defaultTtlSeconds ?? null,
      },
    });
    return { ...created, domains: input.domains };
  });
  // A lookup of this slug before it existed cached nothing, but be exact.
  forgetQueue(queue.slug);
  return queue;
}

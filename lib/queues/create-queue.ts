import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";

export const createQueueInput = z.object({
  slug: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lowercase letters, digits and single dashes (e.g. accounts-payable)"),
  name: z.string().trim().min(1, "is required").max(200),
  description: z.string().max(2000).optional(),
  defaultTtlSeconds: z.number().int().positive().optional(),
});
export type CreateQueueInput = z.input<typeof createQueueInput>;

export class QueueExistsError extends Error {}

export async function createQueue(input: CreateQueueInput) {
  const data = createQueueInput.parse(input);
  if (await db.queue.findUnique({ where: { slug: data.slug }, select: { id: true } })) {
    throw new QueueExistsError(`A queue with slug ${data.slug} already exists.`);
  }
  return db.queue.create({ data, select: { id: true, slug: true, name: true } });
}

"use server";
// Server actions for the queues page. authedAction re-reads the session; each
// lib function checks that the caller is an admin itself and writes the receipt.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/authed-action";
import { createQueue, createQueueInput } from "@/lib/queues/create-queue";
import { setQueueDomains, setQueueDomainsInput } from "@/lib/queues/set-queue-domains";

export const createQueueAction = authedAction(createQueueInput, async (admin, input) => {
  const queue = await createQueue(admin, input);
  revalidatePath("/admin/queues");
  return { slug: queue.slug, domains: queue.domains };
}, { name: "admin.create_queue" });

export const setQueueDomainsAction = authedAction(setQueueDomainsInput, async (admin, input) => {
  const result = await setQueueDomains(admin, input);
  revalidatePath("/admin/queues");
  return result;
}, { name: "admin.set_queue_domains" });

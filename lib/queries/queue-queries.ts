// Query keys and fetchers for the queue, shared by the server-rendered first
// page (as initial data) and the client hooks.
import type { QueueFilters } from "@/lib/proposals/queue-filters";
import type { QueuePage } from "@/lib/proposals/list-queue";

export const queueKeys = {
  all: ["queue"] as const,
  list: (filters: QueueFilters) => ["queue", "list", filters] as const,
};

export async function fetchQueuePage(filters: QueueFilters, cursor: string | null): Promise<QueuePage> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  if (cursor) params.set("cursor", cursor);
  const response = await fetch(`/api/queue?${params}`, { headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message ?? `Loading the queue failed (${response.status}).`);
  }
  return response.json();
}

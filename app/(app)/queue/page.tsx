import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { decidesAnywhere, loadQueueRoles } from "@/lib/users/queue-roles";
import { countByStatus, listFilterOptions, listQueue } from "@/lib/proposals/list-queue";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { QueueFiltersBar } from "./queue-filters-bar";
import { QueueClient } from "./queue-client";
import { GroupsSection } from "./groups-section";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("/queue");
  const filters = parseQueueFilters(await searchParams);
  const [page, counts, options, roles] = await Promise.all([listQueue(filters, null), countByStatus(filters), listFilterOptions(), loadQueueRoles(user)]);
  return (
    <div className="space-y-3">
      <QueueFiltersBar filters={filters} counts={counts} options={options} />
      <GroupsSection user={user} filters={filters} />
      <QueueClient
        key={JSON.stringify(filters)}
        filters={filters}
        initialPage={page}
        total={counts[filters.status] ?? 0}
        canDecide={decidesAnywhere(roles)}
      />
    </div>
  );
}

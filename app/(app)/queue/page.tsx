import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { decidesAnywhere, loadQueueRoles } from "@/lib/users/queue-roles";
import { countByStatus, listFilterOptions, listQueue } from "@/lib/proposals/list-queue";
import { parseQueueFilters } from "@/lib/proposals/queue-filters";
import { searchProposals, SEARCH_MATCH_CAP } from "@/lib/proposals/search-proposals";
import { QueueFiltersBar } from "./queue-filters-bar";
import { QueueClient } from "./queue-client";
import { GroupsSection } from "./groups-section";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("/queue");
  const filters = parseQueueFilters(await searchParams);
  const [page, counts, options, roles, search] = await Promise.all([
    listQueue(filters, null),
    countByStatus(filters),
    listFilterOptions(),
    loadQueueRoles(user),
    filters.q ? searchProposals(filters.q) : null,
  ]);
  return (
    <div className="space-y-3">
      <QueueFiltersBar filters={filters} counts={counts} options={options} />
      {search?.capped && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          This search matches more than {SEARCH_MATCH_CAP.toLocaleString("en-US")} proposals: the list and the counts cover only the{" "}
          {SEARCH_MATCH_CAP.toLocaleString("en-US")} newest matches. Add a word or a filter to narrow it.
        </p>
      )}
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

// The queue's look-alike groups: pending proposals of the same shape (same
// agent, queue, intent, plan and change paths), each linking to its group page
// where they are reviewed and decided as one. A server component: no JS on /queue.
import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/current-user";
import { listLookAlikeGroups } from "@/lib/proposals/look-alike-groups";
import type { QueueFilters } from "@/lib/proposals/queue-filters";
import { link, muted } from "@/components/ui/tokens";
import { AgentText } from "@/components/agent-text";

export async function GroupsSection({ user, filters }: { user: CurrentUser; filters: QueueFilters }) {
  // Groups are of pending proposals; the other tabs and the narrower filters (tier, text) do not apply.
  if (filters.status !== "pending" || filters.flag) return null;
  const groups = await listLookAlikeGroups(user, { queue: filters.queue, agent: filters.agent });
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="look-alike-groups" className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <h2 id="look-alike-groups" className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
        Look-alike groups <span className="font-normal normal-case tracking-normal">· review proposals of the same shape as one</span>
      </h2>
      <ul className="mt-1 flex flex-wrap gap-x-5 gap-y-1 text-sm">
        {groups.map((g) => (
          <li key={g.key}>
            <Link href={`/queue/groups/${g.key}`} className={link} data-group-key={g.key}>
              <AgentText text={g.title} /> · {g.count} proposals
            </Link>{" "}
            <span className={muted}>
              · <AgentText text={g.agent} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

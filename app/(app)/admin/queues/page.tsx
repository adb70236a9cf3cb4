import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { listQueuesForAdmin } from "@/lib/queues/list-queues-for-admin";
import { ExactTime } from "@/components/ui/time-ago";
import { td } from "@/components/ui/tokens";
import { FormCard } from "@/components/ui/form-card";
import { adminRow, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { CreateQueueForm } from "./create-queue-form";
import { DomainsEditor } from "./domains-editor";

export const metadata: Metadata = { title: "Queues · Admin" };

export default async function AdminQueuesPage() {
  await requireAdminPage("/admin/queues");
  const queues = await listQueuesForAdmin();
  return (
    <main className="space-y-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A queue governs scope domains: an agent&apos;s proposal is accepted into a queue only when every scope it asks for (<code>ap:commit</code> is
        domain <code>ap</code>) is of a domain the queue governs; anything else is refused with <code>queue_not_allowed</code> and logged. A change
        applies to the next proposal and is recorded as a receipt.
      </p>

      <FormCard id="new-queue" title="Create a queue">
        <CreateQueueForm />
      </FormCard>

      {queues.length === 0 ? (
        <EmptyState size="note">No queues yet. Create one above, with the scope domains it governs.</EmptyState>
      ) : (
        <DataTable caption="Queues, the scope domains each governs, separation of duties and pending proposals" columns={["Queue", "Scope domains governed", "Separation of duties", { label: "Pending", className: "text-right" }, "Created"]} minWidth="min-w-[900px]">
          {queues.map((q) => (
            <tr key={q.id} data-queue={q.slug} className={adminRow}>
              <td className={td}>
                <div className="font-medium">{q.name}</div>
                <div className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{q.slug}</div>
                {q.description && <div className="mt-0.5 max-w-xs text-xs text-zinc-500 dark:text-zinc-400">{q.description}</div>}
              </td>
              <td className={td}>
                <DomainsEditor slug={q.slug} domains={q.domains} />
              </td>
              <td className={`${td} text-xs`}>
                {q.separationOfDuties ? (
                  <span>On: the sponsor and the acted-for person may not approve</span>
                ) : (
                  <span className="font-medium text-red-700 dark:text-red-300">Off (one-person install)</span>
                )}
                <div className="text-zinc-500 dark:text-zinc-400">
                  Changed with <code>queue:separation-of-duties</code> on the command line
                </div>
              </td>
              <td className={`${td} text-right tabular-nums`}>
                {q.pending > 0 ? (
                  <Link href={`/queue?queue=${encodeURIComponent(q.slug)}`} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
                    {q.pending}
                    <span className="sr-only"> pending in {q.slug}</span>
                  </Link>
                ) : (
                  <span className="text-zinc-500">0</span>
                )}
              </td>
              <td className={`${td} text-xs text-zinc-600 dark:text-zinc-400`}>
                <ExactTime iso={q.createdAt} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </main>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { listQueuesForAdmin } from "@/lib/queues/list-queues-for-admin";
import { exact } from "@/lib/format-time";
import { card, td, th } from "../ui";
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

      <section aria-labelledby="new-queue" className={card}>
        <h2 id="new-queue" className="mb-2 text-sm font-semibold">
          Create a queue
        </h2>
        <CreateQueueForm />
      </section>

      {queues.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No queues yet. Create one above, with the scope domains it governs.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full min-w-[900px] border-collapse text-sm">
            <caption className="sr-only">Queues, the scope domains each governs, separation of duties and pending proposals</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
              <tr>
                <th scope="col" className={th}>Queue</th>
                <th scope="col" className={th}>Scope domains governed</th>
                <th scope="col" className={th}>Separation of duties</th>
                <th scope="col" className={`${th} text-right`}>Pending</th>
                <th scope="col" className={th}>Created</th>
              </tr>
            </thead>
            <tbody>
              {queues.map((q) => (
                <tr key={q.id} data-queue={q.slug} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
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
                    <time dateTime={q.createdAt}>{exact(q.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

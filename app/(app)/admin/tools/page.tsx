import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { listTools } from "@/lib/tools/manage-tools";
import { ago, exact } from "@/lib/format-time";
import { card, td, th } from "../ui";
import { CreateToolForm } from "./create-tool-form";
import { RevokeToolButton } from "./revoke-tool-button";

export const metadata: Metadata = { title: "Tools · Admin" };

export default async function AdminToolsPage() {
  const admin = await requireAdminPage("/admin/tools");
  const tools = await listTools(admin);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();
  return (
    <main className="space-y-4">
      <section aria-labelledby="new-tool" className={card}>
        <h2 id="new-tool" className="mb-2 text-sm font-semibold">
          Register a tool
        </h2>
        <CreateToolForm />
      </section>

      {tools.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No tools yet. Register the system that executes approved actions above; its key is shown once. Until then, approval tokens can be checked offline only.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full min-w-[800px] border-collapse text-sm">
            <caption className="sr-only">Tools that may redeem approval tokens</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
              <tr>
                <th scope="col" className={th}>Tool</th>
                <th scope="col" className={th}>Key</th>
                <th scope="col" className={th}>Registered</th>
                <th scope="col" className={th}>Last used</th>
                <th scope="col" className={th}>Actions</th>
              </tr>
            </thead>
            <tbody>
              {tools.map((t) => (
                <tr key={t.id} data-tool={t.name} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
                  <td className={td}>
                    <span className="font-medium">{t.name}</span>{" "}
                    {t.revokedAt ? (
                      <span className="inline-flex rounded bg-orange-50 px-1.5 py-0.5 text-[11px] font-medium text-orange-800 ring-1 ring-inset ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800">
                        revoked <time dateTime={t.revokedAt} title={exact(t.revokedAt)} className="ml-1">{ago(t.revokedAt, now)}</time>
                      </span>
                    ) : (
                      <span className="inline-flex rounded bg-emerald-50 px-1.5 py-0.5 text-[11px] font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800">active</span>
                    )}
                  </td>
                  <td className={td}>
                    <code className={`font-mono text-xs ${t.revokedAt ? "line-through decoration-zinc-400" : ""}`}>{t.prefix}…</code>
                  </td>
                  <td className={td}>
                    <time dateTime={t.createdAt} title={exact(t.createdAt)}>{ago(t.createdAt, now)}</time>
                    <div className="text-xs text-zinc-600 dark:text-zinc-400">by {t.createdBy}</div>
                  </td>
                  <td className={td}>{t.lastUsedAt ? <time dateTime={t.lastUsedAt} title={exact(t.lastUsedAt)}>{ago(t.lastUsedAt, now)}</time> : <span className="text-zinc-500">never</span>}</td>
                  <td className={td}>{t.revokedAt ? <span className="text-xs text-zinc-500">—</span> : <RevokeToolButton name={t.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

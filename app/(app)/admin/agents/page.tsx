import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { listAgentsForAdmin } from "@/lib/agents/list-agents-for-admin";
import { listPossibleSponsors } from "@/lib/users/list-users";
import { ago, exact } from "@/lib/format-time";
import { card, td, th } from "../ui";
import { CreateAgentForm } from "./create-agent-form";
import { AgentControls } from "./agent-controls";

export const metadata: Metadata = { title: "Agents & keys · Admin" };

const STATE_STYLES: Record<string, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  stopped: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  disabled: "bg-orange-50 text-orange-800 ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800",
  "no active key": "bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
};

export default async function AdminAgentsPage() {
  await requireAdminPage("/admin/agents");
  const [agents, sponsors] = await Promise.all([
    listAgentsForAdmin(),
    listPossibleSponsors(),
  ]);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();
  return (
    <main className="space-y-4">
      <section aria-labelledby="new-agent" className={card}>
        <h2 id="new-agent" className="mb-2 text-sm font-semibold">
          Create an agent
        </h2>
        <CreateAgentForm sponsors={sponsors} />
      </section>

      {agents.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No agents yet. Create one above; its API key is shown once.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full min-w-[1100px] border-collapse text-sm">
            <caption className="sr-only">Agents, their keys and state</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
              <tr>
                <th scope="col" className={th}>Agent</th>
                <th scope="col" className={th}>Scopes</th>
                <th scope="col" className={th}>Keys</th>
                <th scope="col" className={th}>Actions</th>
              </tr>
            </thead>
            <tbody>
              {agents.map((a) => (
                <tr key={a.id} data-agent={a.name} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
                  <td className={td}>
                    <div className="flex items-center gap-2">
                      <span className="whitespace-nowrap font-medium">{a.name}</span>
                      <span className={`inline-flex rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ${STATE_STYLES[a.state]}`}>{a.state}</span>
                    </div>
                    <div className="text-xs text-zinc-600 dark:text-zinc-400">sponsor {a.sponsor}</div>
                    {a.stoppedAt && (
                      <div className="text-xs text-red-700 dark:text-red-300">
                        stopped <time dateTime={a.stoppedAt} title={exact(a.stoppedAt)}>{ago(a.stoppedAt, now)}</time>
                      </div>
                    )}
                  </td>
                  <td className={td}>
                    <ul className="flex flex-wrap gap-1">
                      {a.scopes.map((s) => (
                        <li key={s} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] dark:bg-zinc-800">{s}</li>
                      ))}
                    </ul>
                  </td>
                  <td className={td}>
                    <ul className="space-y-0.5 text-xs">
                      {a.keys.map((k) => (
                        <li key={k.id} className={k.revokedAt ? "text-zinc-500 dark:text-zinc-500" : ""}>
                          <code className={`font-mono ${k.revokedAt ? "line-through decoration-zinc-400" : ""}`}>{k.prefix}…</code> created <time dateTime={k.createdAt} title={exact(k.createdAt)}>{ago(k.createdAt, now)}</time>
                          {" · "}
                          {k.lastUsedAt ? <>last used <time dateTime={k.lastUsedAt} title={exact(k.lastUsedAt)}>{ago(k.lastUsedAt, now)}</time></> : "never used"}
                          {k.revokedAt && (
                            <span className="font-medium">
                              {" · "}revoked <time dateTime={k.revokedAt} title={exact(k.revokedAt)}>{ago(k.revokedAt, now)}</time>
                            </span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className={td}>
                    <AgentControls agent={{ id: a.id, name: a.name, state: a.state }} activeKeys={a.keys.filter((k) => !k.revokedAt).map((k) => ({ id: k.id, prefix: k.prefix }))} />
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

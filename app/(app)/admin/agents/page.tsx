import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { listAgentsForAdmin } from "@/lib/agents/list-agents-for-admin";
import { listPossibleSponsors } from "@/lib/users/list-users";
import { td, type Tone } from "@/components/ui/tokens";
import { FormCard } from "@/components/ui/form-card";
import { adminRow, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { CreateAgentForm } from "./create-agent-form";
import { AgentControls } from "./agent-controls";

export const metadata: Metadata = { title: "Agents & keys · Admin" };

const STATE_TONES: Record<string, Tone> = { active: "success", stopped: "danger", disabled: "caution", "no active key": "neutral" };

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
      <FormCard id="new-agent" title="Create an agent">
        <CreateAgentForm sponsors={sponsors} />
      </FormCard>

      {agents.length === 0 ? (
        <EmptyState size="note">No agents yet. Create one above; its API key is shown once.</EmptyState>
      ) : (
        <DataTable caption="Agents, their keys and state" columns={["Agent", "Scopes", "Keys", "Actions"]} minWidth="min-w-[1100px]">
          {agents.map((a) => (
            <tr key={a.id} data-agent={a.name} className={adminRow}>
              <td className={td}>
                <div className="flex items-center gap-2">
                  <span className="whitespace-nowrap font-medium">{a.name}</span>
                  <Badge tone={STATE_TONES[a.state] ?? "neutral"}>{a.state}</Badge>
                </div>
                <div className="text-xs text-zinc-600 dark:text-zinc-400">sponsor {a.sponsor}</div>
                {a.stoppedAt && (
                  <div className="text-xs text-red-700 dark:text-red-300">
                    stopped <TimeAgo iso={a.stoppedAt} now={now} />
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
                      <code className={`font-mono ${k.revokedAt ? "line-through decoration-zinc-400" : ""}`}>{k.prefix}…</code> created <TimeAgo iso={k.createdAt} now={now} />
                      {" · "}
                      {k.lastUsedAt ? <>last used <TimeAgo iso={k.lastUsedAt} now={now} /></> : "never used"}
                      {k.revokedAt && (
                        <span className="font-medium">
                          {" · "}revoked <TimeAgo iso={k.revokedAt} now={now} />
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
        </DataTable>
      )}
    </main>
  );
}

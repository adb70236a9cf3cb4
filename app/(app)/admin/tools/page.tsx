import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { listTools } from "@/lib/tools/manage-tools";
import { td } from "@/components/ui/tokens";
import { FormCard } from "@/components/ui/form-card";
import { adminRow, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
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
      <FormCard id="new-tool" title="Register a tool">
        <CreateToolForm />
      </FormCard>

      {tools.length === 0 ? (
        <EmptyState size="note">
          No tools yet. Register the system that executes approved actions above; its key is shown once. Until then, approval tokens can be checked offline only.
        </EmptyState>
      ) : (
        <DataTable caption="Tools that may redeem approval tokens" columns={["Tool", "Key", "Registered", "Last used", "Actions"]} minWidth="min-w-[800px]">
          {tools.map((t) => (
            <tr key={t.id} data-tool={t.name} className={adminRow}>
              <td className={td}>
                <span className="font-medium">{t.name}</span>{" "}
                {t.revokedAt ? (
                  <Badge tone="caution">
                    revoked <TimeAgo iso={t.revokedAt} now={now} className="ml-1" />
                  </Badge>
                ) : (
                  <Badge tone="success">active</Badge>
                )}
              </td>
              <td className={td}>
                <code className={`font-mono text-xs ${t.revokedAt ? "line-through decoration-zinc-400" : ""}`}>{t.prefix}…</code>
              </td>
              <td className={td}>
                <TimeAgo iso={t.createdAt} now={now} />
                <div className="text-xs text-zinc-600 dark:text-zinc-400">by {t.createdBy}</div>
              </td>
              <td className={td}>{t.lastUsedAt ? <TimeAgo iso={t.lastUsedAt} now={now} /> : <span className="text-zinc-500">never</span>}</td>
              <td className={td}>{t.revokedAt ? <span className="text-xs text-zinc-500">—</span> : <RevokeToolButton name={t.name} />}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </main>
  );
}

import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { listUsersForAdmin } from "@/lib/users/list-users";
import { ExactTime } from "@/components/ui/time-ago";
import { td } from "@/components/ui/tokens";
import { FormCard } from "@/components/ui/form-card";
import { adminRow, DataTable } from "@/components/ui/data-table";
import { CreateUserForm } from "./create-user-form";
import { UserControls } from "./user-controls";
import { SignInControls } from "./sign-in-controls";
import { MembershipEditor } from "./membership-editor";

export const metadata: Metadata = { title: "Users & roles · Admin" };

export default async function AdminUsersPage() {
  const admin = await requireAdminPage("/admin/users");
  const { users, queues } = await listUsersForAdmin();
  return (
    <main className="space-y-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A global role holds on every queue; a queue role raises it on one queue (or on all queues). The effective role is the higher of the two.
        Every change is recorded as a receipt.
      </p>

      <FormCard id="new-user" title="Add a user">
        <CreateUserForm />
      </FormCard>

      <DataTable caption="Users, their roles and queue roles" columns={["User", "Global role and access", "Queue roles", "Sign-in", "Added"]} minWidth="min-w-[1000px]">
        {users.map((u) => (
          <tr key={u.id} className={`${adminRow} ${u.active ? "" : "bg-zinc-50 text-zinc-500 dark:bg-zinc-900/40"}`}>
            <td className={td}>
              <div className="font-medium">
                {u.name} {u.id === admin.id && <span className="text-xs font-normal text-zinc-500">(you)</span>}
              </div>
              <div className="text-xs text-zinc-600 dark:text-zinc-400">{u.email}</div>
              {!u.active && <div className="text-xs font-medium text-red-700 dark:text-red-300">Disabled</div>}
            </td>
            <td className={td}>
              <UserControls user={{ id: u.id, email: u.email, role: u.role, active: u.active }} />
            </td>
            <td className={td}>
              <MembershipEditor userId={u.id} email={u.email} memberships={u.memberships} queues={queues} />
            </td>
            <td className={`${td} text-xs`}>
              <SignInControls user={{ id: u.id, email: u.email, signIn: u.signIn, hasPassword: u.hasPassword, mustChangePassword: u.mustChangePassword, ssoIdentity: u.ssoIdentity }} />
            </td>
            <td className={`${td} text-xs text-zinc-600 dark:text-zinc-400`}>
              <ExactTime iso={u.createdAt} />
            </td>
          </tr>
        ))}
      </DataTable>
    </main>
  );
}

"use client";
// Global role and enable/disable for one user. The server refuses changes that
// would leave no active admin, and says so.
import { ROLES, type Role } from "@/lib/roles/roles";
import { setUserActiveAction, setUserRoleAction } from "./actions";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { input, smallButton } from "@/components/ui/tokens";

type Props = { user: { id: string; email: string; role: string; active: boolean } };

export function UserControls({ user }: Props) {
  const { message, busy, act: run } = useRefreshingAction();
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`role-${user.id}`} className="sr-only">Global role of {user.email}</label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          disabled={busy}
          onChange={(e) => {
            const role = e.target.value as Role;
            run(() => setUserRoleAction({ userId: user.id, role }), `Role set to ${role}.`);
          }}
          className={input}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
        <button
          type="button"
          disabled={busy}
          onClick={() => run(() => setUserActiveAction({ userId: user.id, active: !user.active }), user.active ? "Disabled: signed out on their next request." : "Enabled.")}
          className={smallButton}
        >
          {user.active ? "Disable" : "Enable"}
          <span className="sr-only"> {user.email}</span>
        </button>
      </div>
      <ActionMessage message={message} />
    </div>
  );
}

"use client";
// Per-queue roles of one user: list with remove, and add or change one.
import { useState } from "react";
import { ROLES, type Role } from "@/lib/roles/roles";
import { setMembershipAction } from "./actions";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { input, smallButton } from "@/components/ui/tokens";

type Props = {
  userId: string;
  email: string;
  memberships: { queueId: string | null; role: string; label: string }[];
  queues: { id: string; slug: string; name: string }[];
};

const ALL = "__all__";

export function MembershipEditor({ userId, email, memberships, queues }: Props) {
  const { message, busy, act } = useRefreshingAction();
  const [queue, setQueue] = useState(queues[0]?.id ?? ALL);
  const [role, setRole] = useState<Role>("approver");

  const save = (queueId: string | null, newRole: Role | null, done: string) => {
    act(() => setMembershipAction({ userId, queueId, role: newRole }), done);
  };

  return (
    <div className="space-y-1">
      {memberships.length === 0 ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">No queue roles: the global role applies everywhere.</p>
      ) : (
        <ul className="flex flex-wrap gap-1">
          {memberships.map((m) => (
            <li key={m.queueId ?? ALL} className="inline-flex items-center gap-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
              <span>
                {m.label}: <strong>{m.role}</strong>
              </span>
              <button
                type="button"
                disabled={busy}
                onClick={() => save(m.queueId, null, `Removed the ${m.label} role.`)}
                aria-label={`Remove ${email}'s role on ${m.label}`}
                className="rounded px-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-white"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="flex flex-wrap items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          const label = queue === ALL ? "all queues" : (queues.find((q) => q.id === queue)?.slug ?? "queue");
          save(queue === ALL ? null : queue, role, `${role} on ${label}.`);
        }}
      >
        <label htmlFor={`mq-${userId}`} className="sr-only">Queue for {email}</label>
        <select id={`mq-${userId}`} value={queue} onChange={(e) => setQueue(e.target.value)} className={`${input} h-7 text-xs`}>
          {queues.map((q) => (
            <option key={q.id} value={q.id}>{q.slug}</option>
          ))}
          <option value={ALL}>all queues</option>
        </select>
        <label htmlFor={`mr-${userId}`} className="sr-only">Queue role for {email}</label>
        <select id={`mr-${userId}`} value={role} onChange={(e) => setRole(e.target.value as Role)} className={`${input} h-7 text-xs`}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
        <button type="submit" disabled={busy} className={smallButton}>
          Set queue role<span className="sr-only"> for {email}</span>
        </button>
      </form>
      <ActionMessage message={message} />
    </div>
  );
}

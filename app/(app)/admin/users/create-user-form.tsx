"use client";
import { useState, useTransition } from "react";
import { ROLES } from "@/lib/users/roles";
import { createUserAction } from "./actions";
import { ActionMessage, type Message } from "../action-message";
import { input, label, primaryButton } from "@/components/ui/tokens";

export function CreateUserForm() {
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        setMessage(null);
        startTransition(async () => {
          const result = await createUserAction({
            email: String(data.get("email") ?? ""),
            name: String(data.get("name") ?? ""),
            role: String(data.get("role") ?? "viewer") as (typeof ROLES)[number],
            password: String(data.get("password") ?? ""),
          });
          if (result.ok) {
            form.reset();
            setMessage({ tone: "ok", text: `Added ${result.data.email}.` });
          } else setMessage({ tone: "error", text: result.error.message });
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="new-user-email" className={label}>Email</label>
          <input id="new-user-email" name="email" type="email" required autoComplete="off" className={`${input} mt-1 w-64`} />
        </div>
        <div>
          <label htmlFor="new-user-name" className={label}>Name</label>
          <input id="new-user-name" name="name" required autoComplete="off" className={`${input} mt-1 w-48`} />
        </div>
        <div>
          <label htmlFor="new-user-role" className={label}>Global role</label>
          <select id="new-user-role" name="role" defaultValue="viewer" className={`${input} mt-1`}>
            {ROLES.map((r) => (
              <option key={r} value={r}>{r}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="new-user-password" className={label}>Password (optional)</label>
          <input
            id="new-user-password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={10}
            aria-describedby="new-user-password-help"
            className={`${input} mt-1 w-56`}
          />
        </div>
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? "Adding…" : "Add user"}
        </button>
      </div>
      <p id="new-user-password-help" className="text-xs text-zinc-500 dark:text-zinc-400">
        Leave the password empty for a user who signs in only through single sign-on. At least 10 characters otherwise.
      </p>
      <ActionMessage message={message} />
    </form>
  );
}

"use client";
import { useState, useTransition } from "react";
import { signOut } from "next-auth/react";
import { changePasswordAction } from "./actions";
import { ActionMessage, type Message } from "../admin/action-message";
import { input, label, primaryButton } from "@/components/ui/tokens";

export function ChangePasswordForm() {
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  return (
    <form
      className="mt-3 space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const newPassword = String(data.get("newPassword") ?? "");
        if (newPassword !== String(data.get("confirmPassword") ?? "")) {
          setMessage({ tone: "error", text: "The new password and its confirmation differ." });
          return;
        }
        setMessage(null);
        startTransition(async () => {
          const result = await changePasswordAction({ currentPassword: String(data.get("currentPassword") ?? ""), newPassword });
          if (!result.ok) {
            setMessage({ tone: "error", text: result.error.message });
            return;
          }
          setMessage({ tone: "ok", text: "Password changed. Signing you out…" });
          await signOut({ callbackUrl: "/login?notice=password_changed" });
        });
      }}
    >
      <div>
        <label htmlFor="current-password" className={label}>Current password</label>
        <input id="current-password" name="currentPassword" type="password" required autoComplete="current-password" className={`${input} mt-1 w-72`} />
      </div>
      <div>
        <label htmlFor="new-password" className={label}>New password</label>
        <input
          id="new-password"
          name="newPassword"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          aria-describedby="new-password-help"
          className={`${input} mt-1 w-72`}
        />
        <p id="new-password-help" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">At least 10 characters.</p>
      </div>
      <div>
        <label htmlFor="confirm-password" className={label}>New password again</label>
        <input id="confirm-password" name="confirmPassword" type="password" required minLength={10} autoComplete="new-password" className={`${input} mt-1 w-72`} />
      </div>
      <button type="submit" disabled={busy} className={primaryButton}>
        {busy ? "Changing…" : "Change password"}
      </button>
      <ActionMessage message={message} />
    </form>
  );
}

"use client";
import { signOut } from "next-auth/react";
import { changePasswordAction } from "./actions";
import { ActionMessage, useActionMessage } from "@/components/ui/action-message";
import { SubmitButton, TextField } from "@/components/ui/field";

export function ChangePasswordForm() {
  const { message, setMessage, busy, run } = useActionMessage();
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
        run(async () => {
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
      <TextField id="current-password" label="Current password" name="currentPassword" type="password" required autoComplete="current-password" width="w-72" />
      <div>
        <TextField
          id="new-password"
          label="New password"
          name="newPassword"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          aria-describedby="new-password-help"
          width="w-72"
        />
        <p id="new-password-help" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">At least 10 characters.</p>
      </div>
      <TextField id="confirm-password" label="New password again" name="confirmPassword" type="password" required minLength={10} autoComplete="new-password" width="w-72" />
      <SubmitButton busy={busy} label="Change password" busyLabel="Changing…" />
      <ActionMessage message={message} />
    </form>
  );
}

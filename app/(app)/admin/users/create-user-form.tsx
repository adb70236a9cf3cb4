"use client";
import { ROLES } from "@/lib/roles/roles";
import { createUserAction } from "./actions";
import { ActionMessage, useActionMessage } from "@/components/ui/action-message";
import { FieldHelp, SelectField, SubmitButton, TextField } from "@/components/ui/field";

export function CreateUserForm() {
  const { message, setMessage, busy, run } = useActionMessage();
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        run(async () => {
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
        <TextField id="new-user-email" label="Email" name="email" type="email" required autoComplete="off" width="w-64" />
        <TextField id="new-user-name" label="Name" name="name" required autoComplete="off" width="w-48" />
        <SelectField id="new-user-role" label="Global role" name="role" defaultValue="viewer">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextField
          id="new-user-password"
          label="Password (optional)"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          aria-describedby="new-user-password-help"
          width="w-56"
        />
        <SubmitButton busy={busy} label="Add user" busyLabel="Adding…" />
      </div>
      <FieldHelp id="new-user-password-help">
        Leave the password empty for a user who signs in only through single sign-on. At least 10 characters otherwise.
      </FieldHelp>
      <ActionMessage message={message} />
    </form>
  );
}

"use client";
import { splitDomainList } from "@/lib/queues/queue-domains";
import { createQueueAction } from "./actions";
import { ActionMessage, useActionMessage } from "@/components/ui/action-message";
import { FieldHelp, SubmitButton, TextField } from "@/components/ui/field";

export function CreateQueueForm() {
  const { message, setMessage, busy, run } = useActionMessage();
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        const ttl = String(data.get("ttl") ?? "").trim();
        run(async () => {
          const result = await createQueueAction({
            slug: String(data.get("slug") ?? "").trim(),
            name: String(data.get("name") ?? ""),
            description: String(data.get("description") ?? "").trim() || undefined,
            defaultTtlSeconds: ttl === "" ? undefined : Math.round(Number(ttl) * 3600),
            domains: splitDomainList(String(data.get("domains") ?? "")),
          });
          if (result.ok) {
            form.reset();
            setMessage({ tone: "ok", text: `Created queue ${result.data.slug}, governing ${result.data.domains.join(", ")}.` });
          } else setMessage({ tone: "error", text: result.error.message });
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <TextField id="new-queue-slug" label="Slug" name="slug" required autoComplete="off" spellCheck={false} placeholder="accounts-payable" width="w-48" className="font-mono" />
        <TextField id="new-queue-name" label="Name" name="name" required autoComplete="off" placeholder="Accounts payable" width="w-48" />
        <TextField
          id="new-queue-domains"
          label="Scope domains"
          name="domains"
          required
          autoComplete="off"
          spellCheck={false}
          placeholder="ap, procurement"
          aria-describedby="new-queue-domains-help"
          width="w-48"
          className="font-mono"
        />
        <TextField id="new-queue-ttl" label="Pending expire after (hours, optional)" name="ttl" type="number" min={1} step={1} width="w-32" />
        <TextField id="new-queue-description" label="Description (optional)" name="description" autoComplete="off" width="w-64" />
        <SubmitButton busy={busy} label="Create queue" busyLabel="Creating…" />
      </div>
      <FieldHelp id="new-queue-domains-help">
        Separate domains with commas. A domain is the part of a scope before its tier: <code>ap</code> for <code>ap:commit</code>. Lowercase letters
        and digits, with dots or dashes between them.
      </FieldHelp>
      <ActionMessage message={message} />
    </form>
  );
}

"use client";
import { useState, useTransition } from "react";
import { saveQueueNotificationsAction } from "./actions";
import { ActionMessage, type Message } from "@/components/ui/action-message";
import { input, label, smallButton } from "@/components/ui/tokens";

export type QueueSettingsView = {
  queueId: string;
  slug: string;
  name: string;
  chatHost: string | null;
  chatFormat: "slack" | "teams" | "json";
  serviceMinutes: number | null;
  browserOnlyCritical: boolean;
  browserOnlyEdited: boolean;
};

export function QueueSettingsForm({ queue }: { queue: QueueSettingsView }) {
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  const id = (name: string) => `${name}-${queue.slug}`;
  return (
    <form
      aria-label={`Notifications of queue ${queue.slug}`}
      className="grid gap-2 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const url = String(data.get("chatWebhookUrl") ?? "").trim();
        const minutes = String(data.get("serviceMinutes") ?? "").trim();
        startTransition(async () => {
          const result = await saveQueueNotificationsAction({
            queueId: queue.queueId,
            // Blank keeps the stored URL (it is not shown back); "none" removes it.
            chatWebhookUrl: url === "none" ? "" : url || undefined,
            keepChatWebhookUrl: url === "",
            chatFormat: String(data.get("chatFormat")) as QueueSettingsView["chatFormat"],
            serviceMinutes: minutes ? Number(minutes) : null,
            browserOnlyCritical: data.get("browserOnlyCritical") === "on",
            browserOnlyEdited: data.get("browserOnlyEdited") === "on",
          });
          setMessage(result.ok ? { tone: "ok", text: "Saved." } : { tone: "error", text: result.error.message });
        });
      }}
    >
      <div>
        <label htmlFor={id("chat-url")} className={label}>Chat webhook URL {queue.chatHost ? `(now: ${queue.chatHost}; blank keeps it, "none" removes it)` : "(none)"}</label>
        <input id={id("chat-url")} name="chatWebhookUrl" type="url" placeholder="https://hooks.slack.com/services/…" className={`${input} mt-1 w-full`} pattern="https?://.*|none" />
      </div>
      <div>
        <label htmlFor={id("chat-format")} className={label}>Format</label>
        <select id={id("chat-format")} name="chatFormat" defaultValue={queue.chatFormat} className={`${input} mt-1`}>
          <option value="slack">Slack (Block Kit)</option>
          <option value="teams">Microsoft Teams (Adaptive Card)</option>
          <option value="json">Generic JSON</option>
        </select>
      </div>
      <div>
        <label htmlFor={id("service")} className={label}>Service time in minutes (escalate to the queue&apos;s admins after; blank: never)</label>
        <input id={id("service")} name="serviceMinutes" type="number" min={1} defaultValue={queue.serviceMinutes ?? ""} className={`${input} mt-1 w-32`} />
      </div>
      <fieldset className="text-sm">
        <legend className={label}>Deciding from Slack</legend>
        <label className="flex items-center gap-2"><input type="checkbox" name="browserOnlyCritical" defaultChecked={queue.browserOnlyCritical} /> Require the browser for critical risk</label>
        <label className="flex items-center gap-2"><input type="checkbox" name="browserOnlyEdited" defaultChecked={queue.browserOnlyEdited} /> Require the browser for proposals with edits</label>
      </fieldset>
      <div className="sm:col-span-2">
        <button type="submit" disabled={busy} className={smallButton}>{busy ? "Saving…" : `Save ${queue.slug}`}</button>
        <ActionMessage message={message} />
      </div>
    </form>
  );
}

"use client";
import { useState, useTransition } from "react";
import { savePreferencesAction } from "./actions";
import { ActionMessage, type Message } from "@/components/ui/action-message";
import { input, label, primaryButton } from "@/components/ui/tokens";

type Preferences = { emailImmediate: boolean; emailDigest: boolean; digestHourUtc: number };

export function PreferencesForm({ initial }: { initial: Preferences }) {
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  return (
    <form
      className="mt-3 space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        setMessage(null);
        startTransition(async () => {
          const result = await savePreferencesAction({
            emailImmediate: data.get("emailImmediate") === "on",
            emailDigest: data.get("emailDigest") === "on",
            digestHourUtc: Number(data.get("digestHourUtc")),
          });
          setMessage(result.ok ? { tone: "ok", text: "Saved." } : { tone: "error", text: result.error.message });
        });
      }}
    >
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="emailImmediate" defaultChecked={initial.emailImmediate} className="mt-1" />
        <span>Mail me at once about <strong>high</strong> and <strong>critical</strong> proposals I may decide</span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="emailDigest" defaultChecked={initial.emailDigest} className="mt-1" />
        <span>Send me a daily digest of the other pending proposals I may decide</span>
      </label>
      <div>
        <label htmlFor="digest-hour" className={label}>Digest time (UTC)</label>
        <select id="digest-hour" name="digestHourUtc" defaultValue={initial.digestHourUtc} className={`${input} mt-1 w-32`}>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>{`${String(h).padStart(2, "0")}:00`}</option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={busy} className={primaryButton}>
        {busy ? "Saving…" : "Save preferences"}
      </button>
      <ActionMessage message={message} />
    </form>
  );
}

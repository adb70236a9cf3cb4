"use client";
import { useState, useTransition } from "react";
import { confirmSlackLinkAction } from "../notifications/actions";
import { ActionMessage, type Message } from "@/components/ui/action-message";
import { primaryButton } from "@/components/ui/tokens";

export function ConfirmSlackLink({ code }: { code: string }) {
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  const [done, setDone] = useState(false);
  return (
    <div className="mt-3 space-y-2">
      <button
        type="button"
        disabled={busy || done}
        className={primaryButton}
        onClick={() =>
          startTransition(async () => {
            const result = await confirmSlackLinkAction({ code });
            if (result.ok) {
              setDone(true);
              setMessage({ tone: "ok", text: "Linked. Go back to Slack and click the button again." });
            } else setMessage({ tone: "error", text: result.error.message });
          })
        }
      >
        {busy ? "Linking…" : "Link this Slack account to me"}
      </button>
      <ActionMessage message={message} />
    </div>
  );
}

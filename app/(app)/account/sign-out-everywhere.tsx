"use client";
import { useState, useTransition } from "react";
import { signOut } from "next-auth/react";
import { signOutEverywhereAction } from "./actions";
import { ActionMessage, type Message } from "@/components/ui/action-message";
import { dangerButton } from "@/components/ui/tokens";

export function SignOutEverywhere() {
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  return (
    <div className="mt-3 space-y-2">
      <button
        type="button"
        disabled={busy}
        className={dangerButton}
        onClick={() => {
          if (!window.confirm("Sign out of Countersign on every device, this one included?")) return;
          setMessage(null);
          startTransition(async () => {
            const result = await signOutEverywhereAction({});
            if (!result.ok) {
              setMessage({ tone: "error", text: result.error.message });
              return;
            }
            await signOut({ callbackUrl: "/login?notice=signed_out_everywhere" });
          });
        }}
      >
        {busy ? "Signing out…" : "Sign out everywhere"}
      </button>
      <ActionMessage message={message} />
    </div>
  );
}

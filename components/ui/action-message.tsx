"use client";
// The answer of a form's server action, announced to screen readers, and the
// state every such form keeps: the message, and whether the call is running.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";

export type Message = { tone: "ok" | "error"; text: string } | null;

export function ActionMessage({ message }: { message: Message }) {
  return (
    <div aria-live="polite" className="empty:hidden">
      {message && (
        <p className={`text-sm ${message.tone === "ok" ? "text-emerald-800 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}>{message.text}</p>
      )}
    </div>
  );
}

/** `run` clears the last message and runs the call in a transition; `busy` is true meanwhile. */
export function useActionMessage() {
  const [message, setMessage] = useState<Message>(null);
  const [busy, startTransition] = useTransition();
  const run = (call: () => Promise<void>) => {
    setMessage(null);
    startTransition(call);
  };
  return { message, setMessage, busy, run };
}

type Outcome = { ok: true } | { ok: false; error: { message: string } };

/** For controls whose answer is all they show: run the action, say `done` or the server's refusal, refresh the page's data. */
export function useRefreshingAction() {
  const router = useRouter();
  const state = useActionMessage();
  const act = (action: () => Promise<Outcome>, done: string) =>
    state.run(async () => {
      const result = await action();
      state.setMessage(result.ok ? { tone: "ok", text: done } : { tone: "error", text: result.error.message });
      router.refresh();
    });
  return { message: state.message, busy: state.busy, act };
}

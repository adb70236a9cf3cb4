"use client";
// The answer of an admin action, announced to screen readers.
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

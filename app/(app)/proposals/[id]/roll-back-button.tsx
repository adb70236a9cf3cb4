"use client";
// Asks for the rollback of an executed proposal: a new proposal, decided like any other; opens it.
import { useRouter } from "next/navigation";
import { ActionMessage, useActionMessage } from "@/components/ui/action-message";
import { outlineButton } from "@/components/ui/tokens";
import { requestRollbackAction } from "./rollback-actions";

export function RollBackButton({ id }: { id: string }) {
  const router = useRouter();
  const { message, setMessage, busy, run } = useActionMessage();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={outlineButton}
        disabled={busy}
        onClick={() =>
          run(async () => {
            const result = await requestRollbackAction({ id });
            if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
            router.push(`/proposals/${result.data.id}`);
          })
        }
      >
        {busy ? "Asking…" : "Roll back"}
      </button>
      <ActionMessage message={message} />
    </div>
  );
}

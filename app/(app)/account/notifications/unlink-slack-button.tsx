"use client";
import { useState, useTransition } from "react";
import { unlinkSlackAction } from "./actions";

export function UnlinkSlackButton({ id }: { id: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  return (
    <span>
      <button
        type="button"
        disabled={busy}
        className="text-sm text-red-700 hover:underline dark:text-red-400"
        onClick={() =>
          startTransition(async () => {
            const result = await unlinkSlackAction({ id });
            setError(result.ok ? null : result.error.message);
          })
        }
      >
        {busy ? "Unlinking…" : "Unlink"}
      </button>
      {error && <span role="alert" className="ml-2 text-sm text-red-700">{error}</span>}
    </span>
  );
}

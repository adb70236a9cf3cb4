// A dismissible outcome banner: what happened, and per-item details (the first
// eight). Errors are alerts; the rest are polite status messages.
export type Notice = { tone: "success" | "warning" | "error"; text: string; details?: string[] };

const TONES: Record<Notice["tone"], string> = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
};

export function NoticeBanner({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  return (
    <div role={notice.tone === "error" ? "alert" : "status"} className={`mb-2 flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm ${TONES[notice.tone]}`}>
      <div>
        <p className="font-medium">{notice.text}</p>
        {notice.details && notice.details.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {notice.details.slice(0, 8).map((d) => (
              <li key={d}>{d}</li>
            ))}
            {notice.details.length > 8 && <li>…and {notice.details.length - 8} more</li>}
          </ul>
        )}
      </div>
      <button type="button" onClick={onClose} aria-label="Dismiss" className="text-lg leading-none opacity-70 hover:opacity-100">
        ×
      </button>
    </div>
  );
}

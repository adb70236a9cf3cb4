import "server-only";
// The numbers behind each insight chart as CSV: raw values (seconds, shares
// as fractions, ISO times) rather than the page's rounded text, for people
// who take them into a spreadsheet. Each view is read through the same lib
// function as its page, so the same rights apply (people: admins only).
import { AppError } from "@/lib/base/app-error";
import { agentInsights, dailyVolume, peopleInsights, queueInsights } from "@/lib/insights/read-insights";

export const CSV_VIEWS = ["queues", "daily", "agents", "people"] as const;
export type CsvView = (typeof CSV_VIEWS)[number];

type Cell = string | number | null | Date;

function cell(value: Cell): string {
  if (value === null) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  // Quote what would break a row, and neutralise a leading formula character (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function parseCsvView(value: string | null): CsvView {
  if (value && (CSV_VIEWS as readonly string[]).includes(value)) return value as CsvView;
  throw new AppError("invalid", "invalid_view", `view must be one of ${CSV_VIEWS.join(", ")}.`);
}

export async function insightCsv(viewer: { id: string; role: string }, view: CsvView, days: number, now = new Date()): Promise<string> {
  switch (view) {
    case "queues":
      return csv(
        ["queue", "name", "volume", "closed", "approved_by_people", "approved_by_policy", "rejected", "expired", "cancelled", "approved_share", "rejected_share", "expired_share", "median_seconds", "p90_seconds", "oldest_pending_at", "service_minutes", "past_service_time"],
        (await queueInsights(viewer, days, now)).map((q) => [q.slug, q.name, q.volume, q.closed, q.approved, q.autoApproved, q.rejected, q.expired, q.cancelled, q.approvedShare, q.rejectedShare, q.expiredShare, q.medianSeconds, q.p90Seconds, q.oldestPendingAt, q.serviceMinutes, q.pastServiceTime]),
      );
    case "daily":
      return csv(["day", "created", "approved", "rejected", "expired"], (await dailyVolume(viewer, days, now)).map((d) => [d.day, d.created, d.approved, d.rejected, d.expired]));
    case "agents":
      return csv(
        ["agent", "decided_by_people", "approved", "rejected", "approved_by_policy", "rejection_rate", "edited_approvals", "edit_rate", "executed", "failed", "digest_mismatches", "approved_never_executed"],
        (await agentInsights(viewer, days, now)).map((a) => [a.name, a.decided, a.approved, a.rejected, a.autoApproved, a.rejectionRate, a.editedApprovals, a.editRate, a.executed, a.failed, a.digestMismatches, a.neverExecuted]),
      );
    case "people":
      return csv(
        ["email", "name", "decisions", "approvals", "rejections", "median_seconds", "p90_seconds"],
        (await peopleInsights(viewer, days, now)).map((p) => [p.email, p.name, p.decisions, p.approvals, p.rejections, p.medianSeconds, p.p90Seconds]),
      );
  }
}

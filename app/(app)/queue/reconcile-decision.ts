// What the queue shows after a decision: the server's answer, not the request.
// Decided rows leave a status-filtered view (or change status in "all"),
// recorded votes update their approval count, skipped rows stay, explained.
import type { InfiniteData } from "@tanstack/react-query";
import type { DecideResult } from "@/lib/proposals/decide-proposals";
import type { QueuePage } from "@/lib/proposals/list-queue";
import type { QueueFilters } from "@/lib/proposals/queue-filters";
import type { Notice } from "@/components/ui/notice";

export function applyDecision(data: InfiniteData<QueuePage, string | null>, result: DecideResult, status: QueueFilters["status"]): InfiniteData<QueuePage, string | null> {
  const decided = new Set(result.decided.map((d) => d.id));
  const recorded = new Map(result.recorded.map((r) => [r.id, r]));
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      rows: page.rows
        .filter((row) => status === "all" || !(decided.has(row.id) && status !== result.outcome))
        .map((row) => {
          if (decided.has(row.id)) return { ...row, status: result.outcome, approvals: { ...row.approvals, count: row.approvals.count + (result.outcome === "approved" ? 1 : 0) } };
          const vote = recorded.get(row.id);
          return vote ? { ...row, approvals: { count: vote.approvals, required: vote.required } } : row;
        }),
    })),
  };
}

export function decisionNotice(result: DecideResult): Notice {
  const verb = result.outcome === "approved" ? "Approved" : "Rejected";
  const parts = [`${verb} ${result.decided.length} ${result.decided.length === 1 ? "proposal" : "proposals"}.`];
  if (result.recorded.length > 0) {
    parts.push(`Your approval was recorded on ${result.recorded.length} ${result.recorded.length === 1 ? "proposal that needs" : "proposals that need"} more approvers.`);
  }
  if (result.skipped.length > 0) parts.push(`${result.skipped.length} not decided.`);
  return {
    tone: result.skipped.length > 0 ? "warning" : "success",
    text: parts.join(" "),
    details: [...result.recorded.map((r) => `${r.title}: ${r.approvals} of ${r.required} approvals.`), ...result.skipped.map((s) => `${s.title ?? s.id}: ${s.message}`)],
  };
}

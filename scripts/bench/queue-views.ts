// The queue views bench:queue times at a million proposals (issue 13's list),
// shared with explain-queue-views.ts so both look at the same pages.
export const BENCH_QUEUE_VIEWS = [
  "/queue",
  "/queue?queue=bench-2",
  "/queue?risk=critical&tier=commit&sort=expiry",
  "/queue?status=all&sort=risk",
  "/queue?status=approved&agent=bench-agent-3&sort=oldest",
  "/queue?status=all",
  "/queue?status=all&q=INV-1234",
  "/queue?status=all&q=refund",
  "/queue?q=ops12%40company.com",
  "/queue?status=all&q=bench-agent-3&sort=oldest",
  "/queue?status=rejected&q=Lee+Finance&risk=high",
];

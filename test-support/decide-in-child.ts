// A second app instance for race tests: a separate Node.js process with its
// own database connections, deciding one proposal many times at once.
// Usage (from a test): tsx --conditions=react-server test-support/decide-in-child.ts
// with DATABASE_URL set and a JSON job on argv[2]:
//   {"proposalId": "...", "outcome": "approved", "users": [CurrentUser, ...]}
// Prints one JSON line: {"decided": n, "recorded": n, "skipped": n, "errors": [...]}
import { decideProposals } from "@/lib/proposals/decide-proposals";
import type { CurrentUser } from "@/lib/auth/current-user";

type Job = { proposalId: string; outcome: "approved" | "rejected"; users: CurrentUser[] };

const job = JSON.parse(process.argv[2]!) as Job;
const results = await Promise.allSettled(
  job.users.map((user) => decideProposals(user, { ids: [job.proposalId], outcome: job.outcome, reason: job.outcome === "rejected" ? "race test" : undefined })),
);
const summary = { decided: 0, recorded: 0, skipped: 0, errors: [] as string[] };
for (const r of results) {
  if (r.status === "rejected") summary.errors.push(String((r.reason as Error)?.message ?? r.reason));
  else {
    summary.decided += r.value.decided.length;
    summary.recorded += r.value.recorded.length;
    summary.skipped += r.value.skipped.length;
  }
}
console.log(JSON.stringify(summary));
process.exit(0);

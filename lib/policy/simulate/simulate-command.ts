import "server-only";
// `npm run cli -- policies:simulate --dir <folder> [--days N]`. An invalid
// candidate throws PolicyError, whose message names each file:line:col.
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { AppError } from "@/lib/base/app-error";
import { loadPolicyDir } from "@/lib/policy/load-policies";
import { formatSimulation } from "@/lib/policy/simulate/format-simulation";
import { simulatePolicies } from "@/lib/policy/simulate/simulate-policies";

export async function policiesSimulateCommand(options: { dir: string; days?: string }, progress: (line: string, final: boolean) => void): Promise<string[]> {
  let days = 30;
  if (options.days !== undefined) {
    if (!/^\d+$/.test(options.days)) throw new AppError("invalid", "invalid_days", "--days must be a whole number of days.");
    days = Number(options.days);
  }
  const candidate = loadPolicyDir(options.dir);
  let shown = -1;
  const report = await simulatePolicies(CLI_CALLER, {
    candidate,
    days,
    onProgress: (done, total) => {
      // A line per tenth of a long run; short runs say nothing.
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (total >= 5000 && tenth !== shown) {
        shown = tenth;
        progress(`simulating: ${done} of ${total} proposals`, done === total);
      }
    },
  });
  return formatSimulation(report);
}

// The "decide a batch of 500" row that bench:queue and bench:receipts print:
// the cold first batch and the warm ones next to issue 13's goals, with the
// load average at the time (the machine is shared; a figure means little
// without it).
import { readFileSync } from "node:fs";

export const DECIDE_GOALS = { coldMs: 700, warmMs: 400 };

export function decideRow(run: { size: number; timingsMs: number[]; cpuMs?: number[]; policyLoadMs?: number; walBytes?: number[] }): string {
  const [cold, ...warm] = run.timingsMs;
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const ms = (t: number) => `${t.toFixed(0)} ms`;
  return (
    `decide a batch of ${run.size}: cold ${cold === undefined ? "-" : ms(cold)} (goal < ${DECIDE_GOALS.coldMs} ms), ` +
    `warm ${warm.length ? warm.map(ms).join(" / ") : "-"} (goal < ${DECIDE_GOALS.warmMs} ms)` +
    `${run.cpuMs ? `; this process's CPU ${run.cpuMs.map(ms).join(" / ")}` : ""}` +
    `${run.walBytes ? `; PostgreSQL WAL ${run.walBytes.map((b) => `${(b / 1e6).toFixed(1)} MB`).join(" / ")}` : ""}` +
    `${run.policyLoadMs === undefined ? "" : `; start-up's policy load and Cedar warm-up ${ms(run.policyLoadMs)}`}; load ${load}`
  );
}

// The simulation as text for the command line: what was compared, a table of
// the changes by kind, queue, agent and intent with example proposal ids, and
// as the last line the JSON summary outside scripts read (docs/contract.md).
import { KIND_LABELS } from "@/lib/policy/simulate/classify-changes";
import type { SimulationReport } from "@/lib/policy/simulate/simulate-policies";

const IDS_SHOWN = 3;

export function summaryLine(report: SimulationReport): string {
  return JSON.stringify({ evaluated: report.evaluated, changed: report.changed, by_kind: report.by_kind });
}

export function formatSimulation(report: SimulationReport): string[] {
  const lines = [
    `Simulated ${report.candidate.label} (${report.candidate.policies} policies, digest ${report.candidate.digest.slice(0, 12)}) against the live set ` +
      `${report.live.label} (${report.live.policies} policies, digest ${report.live.digest.slice(0, 12)}).`,
    `History: ${report.evaluated} proposal(s) and ${report.decisions} decision(s) since ${report.since} (${report.days} days), ` +
      `${report.questions} questions (${report.cedarQuestions} of them asked of Cedar) in ${report.seconds.toFixed(1)} s.`,
  ];
  if (report.changed === 0) {
    lines.push("Nothing would have changed.");
  } else {
    lines.push(`${report.changed} proposal(s) would have gone differently:`, "");
    const header = ["CHANGE", "QUEUE", "AGENT", "INTENT", "COUNT", "PROPOSALS", "WHY (FIRST)"];
    const rows = report.groups.map((g) => [
      KIND_LABELS[g.kind],
      g.queue,
      g.agent,
      g.intent,
      String(g.count),
      g.proposals.slice(0, IDS_SHOWN).map((p) => p.id).join(" ") + (g.count > IDS_SHOWN ? ` (+${g.count - IDS_SHOWN})` : ""),
      g.detail.split("\n")[0]!.slice(0, 100),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const row of [header, ...rows]) lines.push(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd());
    lines.push("");
  }
  lines.push(summaryLine(report));
  return lines;
}

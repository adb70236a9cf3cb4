export const RISKS = ["low", "medium", "high", "critical"] as const;
export type Risk = (typeof RISKS)[number];
/** Stored next to `risk` so the queue can sort by severity with an index. */
export function riskRank(risk: string): number {
  const rank = (RISKS as readonly string[]).indexOf(risk);
  return rank < 0 ? 1 : rank;
}

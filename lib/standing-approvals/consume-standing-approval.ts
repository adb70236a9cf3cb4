// Takes one use of a standing approval inside the intake transaction, or
// refuses. Each attempt is one guarded UPDATE whose WHERE holds the limit
// ("fewer than maxCount uses so far", "room for this amount"), the revision
// intake matched (a change since then refuses) and liveness (revoked or
// expired refuses), so concurrent intakes cannot both take the last use: on
// PostgreSQL the second UPDATE waits for the first's row lock and re-checks
// its WHERE against the committed row; SQLite runs one writer at a time; in a
// group commit the proposals run one after another in the same transaction,
// each seeing the uses before it. Rolled back with the proposal's savepoint.
import type { Prisma } from "@/generated/sqlite/client";
import type { Tx } from "@/lib/db/client";
import type { StandingCandidate } from "@/lib/standing-approvals/match-standing-approvals";

function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export async function consumeStandingApproval(tx: Tx, candidate: StandingCandidate, now: Date): Promise<boolean> {
  const { maxCount, maxAmount, amount } = candidate;
  if (maxAmount !== null && amount > maxAmount) return false;
  const live: Prisma.StandingApprovalWhereInput = { id: candidate.id, revision: candidate.revision, revokedAt: null, expiresAt: { gt: now } };
  const total = { usedCount: { increment: 1 }, usedAmount: { increment: amount } };

  if (candidate.limitPeriod === "total") {
    const { count } = await tx.standingApproval.updateMany({
      where: {
        ...live,
        ...(maxCount !== null ? { usedCount: { lt: maxCount } } : {}),
        ...(maxAmount !== null ? { usedAmount: { lte: maxAmount - amount } } : {}),
      },
      data: total,
    });
    return count > 0;
  }

  const day = utcDay(now);
  const sameDay = () =>
    tx.standingApproval.updateMany({
      where: {
        ...live,
        windowDay: day,
        ...(maxCount !== null ? { windowCount: { lt: maxCount } } : {}),
        ...(maxAmount !== null ? { windowAmount: { lte: maxAmount - amount } } : {}),
      },
      data: { ...total, windowCount: { increment: 1 }, windowAmount: { increment: amount } },
    });
  if ((await sameDay()).count > 0) return true;
  // The first use of a new day starts its counters (the limits were checked above: one use, this amount).
  const { count } = await tx.standingApproval.updateMany({
    where: { ...live, OR: [{ windowDay: null }, { windowDay: { not: day } }] },
    data: { ...total, windowDay: day, windowCount: 1, windowAmount: amount },
  });
  if (count > 0) return true;
  // Another intake started the day between the two updates: count on it.
  return (await sameDay()).count > 0;
}

// Takes one use of a standing approval inside the intake transaction, or
// refuses. Each attempt is one guarded UPDATE whose WHERE holds the limit
// ("fewer than maxCount uses so far", "room for this amount"), the revision
// intake matched (a change since then refuses) and liveness (revoked or
// expired refuses), so concurrent intakes cannot both take the last use: on
// PostgreSQL the second UPDATE waits for the first's row lock and re-checks
// its WHERE against the committed row; SQLite runs one writer at a time; in a
// group commit the proposals run one after another in the same transaction,
// each seeing the uses before it. Rolled back with the proposal (its savepoint, or the group's rollback).
// Plain SQL, because intake runs it on the driver (lib/db/driver-sql.ts);
// `updatedAt` is set here as Prisma's @updatedAt would.
import { qualifiedTable } from "@/lib/db/qualified-table";
import { sqlParam, storedTimestamp } from "@/lib/db/raw-values";
import { asSql, type SqlTarget } from "@/lib/db/sql";
import type { StandingCandidate } from "@/lib/standing-approvals/match-standing-approvals";

function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** One guarded UPDATE: `set` and `where` take their values through `value`, which numbers the placeholders. */
function guardedUpdate(target: SqlTarget, build: (value: (v: unknown, type?: "timestamp") => string) => { set: string[]; where: string[] }): Promise<number> {
  const params: unknown[] = [];
  const value = (v: unknown, type?: "timestamp") => {
    params.push(v);
    return sqlParam(params.length, type);
  };
  const { set, where } = build(value);
  return asSql(target).execute(`UPDATE ${qualifiedTable("StandingApproval")} SET ${set.join(", ")} WHERE ${where.join(" AND ")}`, params);
}

export async function consumeStandingApproval(target: SqlTarget, candidate: StandingCandidate, now: Date): Promise<boolean> {
  const { maxCount, maxAmount, amount } = candidate;
  if (maxAmount !== null && amount > maxAmount) return false;
  const live = (value: (v: unknown, type?: "timestamp") => string) => [
    `"id" = ${value(candidate.id)}`,
    `"revision" = ${value(candidate.revision)}`,
    `"revokedAt" IS NULL`,
    `"expiresAt" > ${value(storedTimestamp(now), "timestamp")}`,
  ];
  const total = (value: (v: unknown, type?: "timestamp") => string) => [
    `"usedCount" = "usedCount" + 1`,
    `"usedAmount" = "usedAmount" + ${value(amount)}`,
    `"updatedAt" = ${value(storedTimestamp(now), "timestamp")}`,
  ];

  if (candidate.limitPeriod === "total") {
    const count = await guardedUpdate(target, (value) => ({
      set: total(value),
      where: [
        ...live(value),
        ...(maxCount !== null ? [`"usedCount" < ${value(maxCount)}`] : []),
        ...(maxAmount !== null ? [`"usedAmount" <= ${value(maxAmount - amount)}`] : []),
      ],
    }));
    return count > 0;
  }

  const day = utcDay(now);
  const sameDay = () =>
    guardedUpdate(target, (value) => ({
      set: [...total(value), `"windowCount" = "windowCount" + 1`, `"windowAmount" = "windowAmount" + ${value(amount)}`],
      where: [
        ...live(value),
        `"windowDay" = ${value(day)}`,
        ...(maxCount !== null ? [`"windowCount" < ${value(maxCount)}`] : []),
        ...(maxAmount !== null ? [`"windowAmount" <= ${value(maxAmount - amount)}`] : []),
      ],
    }));
  if ((await sameDay()) > 0) return true;
  // The first use of a new day starts its counters (the limits were checked above: one use, this amount).
  const count = await guardedUpdate(target, (value) => ({
    set: [...total(value), `"windowDay" = ${value(day)}`, `"windowCount" = 1`, `"windowAmount" = ${value(amount)}`],
    where: [...live(value), `("windowDay" IS NULL OR "windowDay" <> ${value(day)})`],
  }));
  if (count > 0) return true;
  // Another intake started the day between the two updates: count on it.
  return (await sameDay()) > 0;
}

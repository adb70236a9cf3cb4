// Calendar days written YYYY-MM-DD, and the UTC range they cover. Used by every
// filter that takes from/to (receipts, security log, insights).

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export type DayRange = { gte?: Date; lt?: Date };

/** The createdAt range for inclusive days from/to: from's midnight up to the midnight after to (UTC). */
export function dayRange(days: { from?: string; to?: string }): DayRange | null {
  if (!days.from && !days.to) return null;
  const range: DayRange = {};
  if (days.from) range.gte = new Date(`${days.from}T00:00:00.000Z`);
  if (days.to) range.lt = new Date(new Date(`${days.to}T00:00:00.000Z`).getTime() + 86_400_000);
  return range;
}

// The rollups' day: the UTC calendar date of an event, as YYYY-MM-DD text, so
// both databases compare and sort it the same way.
export function insightDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first day of a window of `days` days that ends today (UTC). */
export function firstDayOfWindow(days: number, now = new Date()): string {
  return insightDay(new Date(now.getTime() - (days - 1) * 86_400_000));
}

/** Every day of the window, oldest first. */
export function daysOfWindow(days: number, now = new Date()): string[] {
  return Array.from({ length: days }, (_, i) => insightDay(new Date(now.getTime() - (days - 1 - i) * 86_400_000)));
}

// The period an insight page covers: the last 7, 30 or 90 UTC days including
// today, from `?days=`. Anything else falls back to 30, so a hand-edited URL
// still shows a page.
import { firstValues, type SearchParams } from "@/lib/base/search-params";
import { firstDayOfWindow } from "@/lib/insights/insight-day";

export const WINDOW_DAYS = [7, 30, 90] as const;
export type WindowDays = (typeof WINDOW_DAYS)[number];

export function parseWindowDays(params: SearchParams): WindowDays {
  const days = Number(firstValues(params).days);
  return (WINDOW_DAYS as readonly number[]).includes(days) ? (days as WindowDays) : 30;
}

export function windowStart(days: number, now = new Date()): string {
  return firstDayOfWindow(days, now);
}

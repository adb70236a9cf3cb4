// How one field change reads best: a list as the items added and removed (not
// two long lists to compare by eye), a number or an amount as a grouped figure
// that lines up in a column. Pure, shared by the proposal page's diff table.
import { canonicalJson } from "@/lib/base/canonical-json";

export type ListDiff = { added: unknown[]; removed: unknown[]; unchanged: number };

function key(value: unknown): string {
  return value === undefined ? "undefined" : canonicalJson(value);
}

/**
 * The items added and removed between two lists, as multisets (a repeated
 * item counts each time; order changes alone add or remove nothing). Null
 * when either side is neither a list nor absent: not a list change.
 */
export function listDiff(before: unknown, after: unknown): ListDiff | null {
  const isList = (v: unknown) => Array.isArray(v) || v === null || v === undefined;
  if (!isList(before) || !isList(after) || (!Array.isArray(before) && !Array.isArray(after))) return null;
  const left = (before as unknown[] | null | undefined) ?? [];
  const right = (after as unknown[] | null | undefined) ?? [];
  const remaining = new Map<string, number>();
  for (const item of left) remaining.set(key(item), (remaining.get(key(item)) ?? 0) + 1);
  const added: unknown[] = [];
  let unchanged = 0;
  for (const item of right) {
    const k = key(item);
    const n = remaining.get(k) ?? 0;
    if (n > 0) {
      remaining.set(k, n - 1);
      unchanged++;
    } else added.push(item);
  }
  const removed: unknown[] = [];
  const leftover = new Map(remaining);
  for (const item of left) {
    const k = key(item);
    const n = leftover.get(k) ?? 0;
    if (n > 0) {
      leftover.set(k, n - 1);
      removed.push(item);
    }
  }
  return { added, removed, unchanged };
}

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * A number, or a string that is exactly a decimal number ("12480.00"), with
 * thousands grouped and its decimals kept as written ("12,480.00"); null for
 * anything else (an id made of digits is still shown grouped: it is a number
 * as far as the text goes, and the raw value is one hover away).
 */
export function formatNumber(value: unknown): string | null {
  let text: string;
  if (typeof value === "number" && Number.isFinite(value)) text = String(value);
  else if (typeof value === "string" && NUMBER_TEXT.test(value)) text = value;
  else return null;
  if (/e/i.test(text)) return text;
  const negative = text.startsWith("-");
  const [whole, fraction] = (negative ? text.slice(1) : text).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}${grouped}${fraction !== undefined ? `.${fraction}` : ""}`;
}

/** Both sides are numbers (or absent): the row is aligned as figures. */
export function isNumericChange(before: unknown, after: unknown): boolean {
  const ok = (v: unknown) => v === null || v === undefined || formatNumber(v) !== null;
  return ok(before) && ok(after) && (formatNumber(before) !== null || formatNumber(after) !== null);
}

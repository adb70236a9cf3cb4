// What differs inside a group of look-alike proposals: every leaf value of the
// inputs, the plan's arguments and the changes, by path; the paths whose values
// are not all equal become the table's columns (one per distinct value vector,
// so the amount that appears in inputs, plan and changes is one column).
// Outliers are marked: a number far from the group's others, and a first-time
// vendor or recipient (never seen in earlier approved proposals of the shape).
// Pure: the caller loads the proposals and the values seen before.
import type { Change } from "@/lib/proposals/envelope";

export type Scalar = string | number | boolean | null;
export type GroupSource = { inputs?: unknown; plan: { args: Record<string, unknown> }[]; changes?: Change[] | null };

/** Long texts (an email body) are compared whole but shown cut to this many characters. */
const TEXT_PREVIEW = 80;

function flattenInto(out: Map<string, Scalar>, path: string, value: unknown): void {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    out.set(path, value);
  } else if (Array.isArray(value)) {
    // A list is one value: its items are not columns of their own.
    out.set(path, JSON.stringify(value));
  } else if (typeof value === "object") {
    // Sorted: PostgreSQL's jsonb does not keep the agent's key order, SQLite does; both read the same.
    for (const [key, v] of Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) flattenInto(out, path ? `${path}.${key}` : key, v);
  }
}

/** Every leaf value of a proposal, by a path a person can read. */
export function valuesOf(source: GroupSource): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  if (source.inputs && typeof source.inputs === "object") flattenInto(out, "inputs", source.inputs);
  source.plan.forEach((step, i) => flattenInto(out, `plan[${i}].args`, step.args));
  (source.changes ?? []).forEach((change, i) => {
    flattenInto(out, `changes[${i}].target.id`, change.target.id);
    if (change.target.label !== undefined) flattenInto(out, `changes[${i}].target.label`, change.target.label);
    if ("fields" in change) for (const f of change.fields) flattenInto(out, `changes[${i}].${f.path}`, f.after ?? null);
    else flattenInto(out, `changes[${i}].text`, change.after);
  });
  return out;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;
export function asNumber(value: Scalar | undefined): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && NUMERIC.test(value.trim())) return Number(value);
  return null;
}

/** Columns whose name says they identify who receives: a new value there deserves a look. */
const PARTY = /(vendor|recipient|payee|beneficiary|customer|account|iban|email|^to$)/i;

export type Column = {
  key: string;
  /** The short name shown in the header (the path's last part). */
  label: string;
  /** Every path with this same value vector (the first is the key). */
  paths: string[];
  numeric: boolean;
  /** A party column: values never approved before for this shape are marked first-time. */
  party: boolean;
};

export type Cell = { text: string; number: number | null; outlier: boolean; firstTime: boolean };
export type GroupRow<T> = T & { cells: Record<string, Cell> };

function labelOf(path: string): string {
  const last = path.split(".").at(-1)!;
  return last.replace(/\[\d+\]$/, "");
}

function display(value: Scalar | undefined): string {
  if (value === undefined) return "—";
  if (value === null) return "null";
  const text = String(value);
  return text.length > TEXT_PREVIEW ? `${text.slice(0, TEXT_PREVIEW - 1)}…` : text;
}

/** The paths whose values differ across the items, merged when their values are the same everywhere. */
export function differingColumns(items: Map<string, Scalar>[]): Column[] {
  const paths: string[] = [];
  const seenPath = new Set<string>();
  for (const item of items) {
    for (const path of item.keys()) {
      if (seenPath.has(path)) continue;
      seenPath.add(path);
      paths.push(path);
    }
  }
  const byVector = new Map<string, Column>();
  for (const path of paths) {
    const vector = items.map((item) => (item.has(path) ? JSON.stringify(item.get(path)) : "\u0000missing"));
    if (vector.every((v) => v === vector[0])) continue;
    const id = JSON.stringify(vector);
    const existing = byVector.get(id);
    if (existing) {
      existing.paths.push(path);
      existing.party ||= PARTY.test(labelOf(path));
      continue;
    }
    const present = items.filter((item) => item.has(path) && item.get(path) !== null).map((item) => item.get(path));
    byVector.set(id, {
      key: path,
      label: labelOf(path),
      paths: [path],
      numeric: present.length > 0 && present.every((v) => asNumber(v) !== null),
      party: PARTY.test(labelOf(path)),
    });
  }
  // Who first (vendor, recipient), then the numbers, then the rest; in path order within each.
  const rank = (c: Column) => (c.party ? 0 : c.numeric ? 1 : 2);
  return [...byVector.values()].sort((a, b) => rank(a) - rank(b));
}

/** The paths whose value is the same in every item: shown once, above the table. */
export function sameValues(items: Map<string, Scalar>[]): Map<string, Scalar> {
  const same = new Map<string, Scalar>();
  if (items.length === 0) return same;
  for (const [path, value] of items[0]!) {
    if (items.every((item) => item.has(path) && JSON.stringify(item.get(path)) === JSON.stringify(value))) same.set(path, value);
  }
  return same;
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Which numbers stand out: more than 3× the group's median, or a robust
 * z-score (0.6745·|x − median| / MAD, Iglewicz and Hoaglin) above 3.5. Needs
 * at least 3 numbers: two values are just two values.
 */
export function numericOutliers(values: (number | null)[]): boolean[] {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (present.length < 3) return values.map(() => false);
  const m = median(present);
  const mad = median(present.map((v) => Math.abs(v - m)).sort((a, b) => a - b));
  return values.map((v) => {
    if (v === null) return false;
    if (m > 0 && v > 3 * m) return true;
    return mad > 0 && (0.6745 * Math.abs(v - m)) / mad > 3.5;
  });
}

/**
 * The group's table: columns that differ, one row per item, outliers marked.
 * `seenBefore` holds, per path, the values of earlier approved proposals of
 * the same shape (for first-time parties).
 */
export function analyzeGroup<T>(items: (T & { values: Map<string, Scalar> })[], seenBefore: Map<string, Set<string>>): { columns: Column[]; rows: GroupRow<T>[] } {
  const maps = items.map((i) => i.values);
  const columns = differingColumns(maps);
  const outliers = new Map(columns.filter((c) => c.numeric).map((c) => [c.key, numericOutliers(maps.map((m) => asNumber(m.get(c.key))))]));
  const rows = items.map((item, index) => {
    const { values, ...rest } = item;
    const cells: Record<string, Cell> = {};
    for (const column of columns) {
      const value = values.get(column.key);
      const seen = column.paths.some((p) => seenBefore.get(p)?.has(String(value)));
      cells[column.key] = {
        text: display(value),
        number: column.numeric ? asNumber(value) : null,
        outlier: outliers.get(column.key)?.[index] ?? false,
        firstTime: column.party && value !== undefined && value !== null && !seen,
      };
    }
    return { ...(rest as T), cells };
  });
  return { columns, rows };
}

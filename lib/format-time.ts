// Human times for dense lists: "3h ago", "in 2d", and an exact UTC title.
const UNITS: [number, string][] = [
  [86400_000 * 365, "y"],
  [86400_000 * 30, "mo"],
  [86400_000, "d"],
  [3600_000, "h"],
  [60_000, "m"],
];

function span(ms: number): string {
  for (const [size, unit] of UNITS) if (ms >= size) return `${Math.floor(ms / size)}${unit}`;
  return "<1m";
}

export function ago(iso: string, now = Date.now()): string {
  return `${span(Math.max(0, now - new Date(iso).getTime()))} ago`;
}

export function until(iso: string | null, now = Date.now()): string {
  if (!iso) return "no expiry";
  const ms = new Date(iso).getTime() - now;
  return ms <= 0 ? `expired ${span(-ms)} ago` : `in ${span(ms)}`;
}

export function exact(iso: string): string {
  return new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC";
}

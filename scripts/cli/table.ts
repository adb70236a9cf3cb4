// A plain-text table for the terminal: columns padded to their widest cell,
// two spaces apart, no trailing spaces (so output diffs and greps cleanly).
export function textTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd());
}

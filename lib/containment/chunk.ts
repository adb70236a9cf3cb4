// SQLite allows at most 999 bound parameters per statement, so long id lists
// and multi-row inserts are split into chunks well under that.
export const CHUNK = 200;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

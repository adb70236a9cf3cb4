// URL search parameters as one string each: the first value of a repeated
// key, empty values dropped. Filters (queue, receipts, security log) parse
// this with zod, so the same URL always means the same view. A value holding
// U+0000 is dropped too (a malformed value means "no filter"): PostgreSQL
// refuses the character in any statement, so it turned a page into an error.
export type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

export function firstValues(params: SearchParams): Record<string, string> {
  const flat: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v !== undefined && v !== "" && !v.includes("\u0000") && !(key in flat)) flat[key] = v;
  }
  return flat;
}

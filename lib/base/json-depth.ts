// How deep canonical JSON may nest. Canonicalizing recurses once per level of
// objects and arrays, so without a bound a value nested 200,000 deep (a body
// no intake accepts, but a row someone planted in the database could hold)
// overflows the stack and crashes whatever hashes it: the verifier, the
// signer, a page. With it, canonicalJson and canonicalJsonText throw
// JsonTooDeepError, which the receipt writer turns into a 400 and the
// verifier into a verdict naming the receipt.
//
// 256 is far above anything the product writes: request bodies stop at
// MAX_JSON_DEPTH (64, json-limits.ts) and a receipt wraps what it records in
// a few levels at most.
export const MAX_CANONICAL_DEPTH = 256;

export class JsonTooDeepError extends Error {
  constructor() {
    super(`JSON nested deeper than ${MAX_CANONICAL_DEPTH} levels of objects and arrays`);
    this.name = "JsonTooDeepError";
  }
}

/**
 * Whether a parsed value nests objects and arrays deeper than `limit`, found
 * without recursing past it (so a value too deep for canonicalJson, or for a
 * recursive schema such as zod's z.json(), is refused before it reaches one).
 */
export function nestedDeeperThan(value: unknown, limit: number = MAX_CANONICAL_DEPTH, depth = 0): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (depth >= limit) return true;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (nestedDeeperThan(item, limit, depth + 1)) return true;
  }
  return false;
}

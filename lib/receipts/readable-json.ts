// A receipt's stored actor or payload as a page or an export may show it.
// Rendering (React's tree, JSON.stringify) recurses once per level, so a value
// nested 200,000 deep, planted by someone who can write to the database,
// would overflow the stack and turn the receipt's page or the whole export
// into a 500. Past canonical JSON's bound (lib/base/json-depth.ts) the writer
// never stores anything, and the verifier names such a receipt as unreadable;
// here it is shown as unreadable too, in its place.
import { MAX_CANONICAL_DEPTH, nestedDeeperThan } from "@/lib/base/json-depth";

export const UNREADABLE_NOTE = `unreadable: nested deeper than ${MAX_CANONICAL_DEPTH} levels of objects and arrays, which this server never writes (planted in the database); receipts:verify names this receipt`;

/** The value itself, or, nested past the bound, `{ unreadable: … }` in its place. */
export function readableStoredJson(value: unknown): unknown {
  return nestedDeeperThan(value) ? { unreadable: UNREADABLE_NOTE } : value;
}

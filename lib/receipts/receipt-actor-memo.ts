import "server-only";
// What the receipt page readers (sqlite-receipt-pages.ts, postgres-receipt-pages.ts)
// share. They meet the same few actors over and over: each distinct stored text is parsed
// and canonicalized once, and every receipt that names it shares one frozen
// object (no one can change it under the others).
import { JsonText, parseFrozenJson } from "@/lib/base/canonical-json";

/** Distinct actor texts kept per walk; past that the memo starts afresh. */
const ACTOR_MEMO = 1000;

/** The actor of a stored text, parsed once per walk; `actors` is the walk's memo. */
export function memoActor(text: string | null, actors: Map<string, unknown>): unknown {
  if (text === null) return null;
  let actor = actors.get(text);
  if (actor === undefined) {
    try {
      actor = parseFrozenJson(text);
    } catch {
      // Not JSON, or nested past canonical JSON's bound: left as text (not remembered), so hashing
      // this receipt fails again and the verifier names it as unreadable.
      return new JsonText(text);
    }
    if (actors.size >= ACTOR_MEMO) actors.clear();
    actors.set(text, actor);
  }
  return actor;
}

/**
 * created_at as the hash covers it, or, for a stored time that is no time at all (planted in the
 * database: the writer stores only real ones), the stored text itself: the receipt's hash then no
 * longer matches and the verifier names it, where toISOString would throw and end the walk.
 */
export function isoOrAsStored(date: Date, stored: string | number): string {
  return Number.isNaN(date.getTime()) ? String(stored) : date.toISOString();
}

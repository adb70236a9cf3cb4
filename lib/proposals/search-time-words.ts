// PostgreSQL: the words the search's GIN index keeps beside a proposal's own
// words, naming when it was created, so that one index lookup finds the
// matches of typed words among the newest rows (search-proposals.ts,
// recentWordMatches). Without them the window of newest rows came from the
// (createdAt, id) btree: at a million proposals a bitmap of the 160,000 newest
// rows, built for every such search, about half its time (docs/benchmarks.md,
// "The text search's window in the GIN index").
// Each row gets three words: its hour since 1970 (UTC, as stored), its block
// of 16 hours and its block of 256 hours. A window from an hour onwards is
// then an OR of at most 15 + 15 hours and blocks plus one word per 256 hours
// (about 11 days) it spans. The words begin with "~", which no typed word can
// hold (the search splits typed text on anything but letters and digits), so
// they never match, nor are matched as a prefix by, what an operator types.
// Migration `search_time_words` builds the index on SEARCH_VECTOR.

const HOUR_MS = 3_600_000;
/** Hours per word at each level: the hour, 16 hours, 256 hours (as in the migration's expression). */
const LEVELS = [1, 16, 256] as const;

/**
 * The indexed expression (migration `search_time_words`, index "Proposal_searchWindow_idx"): the row's
 * words ("searchText") and its time words. A query must repeat it exactly for PostgreSQL to use the index.
 */
export const SEARCH_VECTOR = `("searchText" || array_to_tsvector(ARRAY[${LEVELS.map(
  (hours, level) => `'~${level}.' || (floor(extract(epoch from "createdAt") / ${hours * 3600}))::bigint::text`,
).join(", ")}]))`;

/** The hour (since 1970, UTC) of an instant, as the index's expression reckons it for a stored createdAt. */
export function hourOf(ms: number): number {
  return Math.floor(ms / HOUR_MS);
}

/**
 * The time words of every row created in the hours `from` to `to` (inclusive, hour numbers): aligned
 * hours up to a 16-hour boundary, 16-hour blocks up to a 256-hour boundary, then 256-hour blocks until
 * `to` is covered (the last block may reach past it).
 */
export function windowWords(from: number, to: number): string[] {
  const words: string[] = [];
  let hour = from;
  for (let level = 0; level < LEVELS.length - 1; level++) {
    const size = LEVELS[level]!;
    while (hour <= to && hour % LEVELS[level + 1]! !== 0) {
      words.push(`~${level}.${hour / size}`);
      hour += size;
    }
  }
  const top = LEVELS.length - 1;
  for (; hour <= to; hour += LEVELS[top]!) words.push(`~${top}.${hour / LEVELS[top]!}`);
  return words;
}

/** The words as a tsquery's text, any of them ('~0.498588' | '~1.31162' ...); null for none. Only digits, dots and "~": nothing to escape. */
export function windowQuery(words: string[]): string | null {
  return words.length ? words.map((w) => `'${w}'`).join(" | ") : null;
}

import "server-only";
// The queue's text search, as a prefilter: the proposals whose words match
// what an operator typed, with the few columns list-queue.ts filters, counts,
// sorts and pages them by (a view snapshot narrows its query by their ids). Prisma cannot express a full-text match, so the word search is
// plain SQL per database on the index the migration `queue_search` keeps in
// sync: SQLite's FTS5 table "ProposalSearch", PostgreSQL's GIN index (with time words, search-time-words.ts) on the
// tsvector column "searchText". Both split the text into words on anything but
// letters and digits, lower-cased. What matches:
// - the typed words as a phrase, the last one as a prefix ("pay vend",
//   "INV-1234" → INV-123456, "ops12@company" → ops12@company.com), in the
//   title, intent, acting-for email or name, or summary;
// - an agent whose name has the typed words at a word start ("bench-agent-3");
// - a proposal id that starts with the typed text (4 characters or more).
// The typed text is always data, never query syntax: FTS5 gets it as one
// quoted string (quotes doubled), PostgreSQL builds its tsquery from the
// words alone.
// At a million proposals the plain index query is slow for three shapes, which
// get another query that returns the same rows (search-strategies.db.test.ts):
// a short last word on SQLite (prefixRecheck), common words on PostgreSQL
// (walkWordMatches) and, on PostgreSQL, words in some thousands of rows
// (recentWordMatches). The matches come as packed rows (packed-rows.ts).
import { cache } from "react";
import { databaseTarget, db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";
import { packedDate, packedRequiredDate, packedRows, packedSelect } from "@/lib/db/packed-rows";
import { sqlParam } from "@/lib/db/raw-values";
import { hourOf, SEARCH_VECTOR, windowQuery, windowWords } from "@/lib/proposals/search-time-words";

/**
 * Matches read per source, newest first: a search that matches more is narrowed by its words, not paged through.
 * Every match is a row read (at a million proposals of ~2 KB, a page of the table each for a word in 1% of
 * them): 5,000 cost PostgreSQL 150-400 ms a search, over the queue's 150 ms; 1,000 is still 20 pages of the list.
 */
export const SEARCH_MATCH_CAP = 1000;

const HAS_WORD = /[\p{L}\p{N}]/u;
const ID_PREFIX = /^[0-9a-z][0-9a-z-]{3,}$/;
const postgres = () => databaseTarget.provider === "postgresql";

/** The FTS5 query for typed text: one phrase (so `"`, `*`, NEAR, `-`, `:`, `(` are plain text), a prefix on its last word. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"*`;
}

/** Lower-cased words, split on anything but letters and digits (as the stored index splits them). */
export function searchWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** What the queue needs of a match to filter, count, sort and page it without another query over the matches. */
export type SearchMatch = {
  id: string;
  status: string;
  queueId: string;
  agentId: string;
  tier: string;
  risk: string;
  riskRank: number;
  createdAt: Date;
  expiresAt: Date | null;
};

const MATCH_COLUMNS = ["id", "status", "queueId", "agentId", "tier", "risk", "riskRank", "createdAt", "expiresAt"].map((c) => `"${c}"`);
const MATCH_SELECT = MATCH_COLUMNS.join(", ");

/** A match from a packed row of MATCH_COLUMNS (packed-rows.ts: thousands of rows as one value). */
function fromPacked(r: unknown[]): SearchMatch {
  const [id, status, queueId, agentId, tier, risk, riskRank, createdAt, expiresAt] = r as [string, string, string, string, string, string, number, string, string | null];
  return { id, status, queueId, agentId, tier, risk, riskRank: Number(riskRank), createdAt: packedRequiredDate(createdAt), expiresAt: packedDate(expiresAt) };
}

/**
 * PostgreSQL: the words the GIN index looks up. A short last word read as a
 * prefix ("com" in "ops12@company.com", "3" in "bench-agent-3") expands to
 * most of the index, so it is left to the recheck when other words narrow
 * enough; the full phrase is always checked on the rows found.
 */
export function indexWords(text: string): { words: string; prefix: boolean } {
  const words = searchWords(text);
  const last = words.at(-1) ?? "";
  if (words.length > 1 && last.length < 4) return { words: words.slice(0, -1).join(" "), prefix: false };
  return { words: words.join(" "), prefix: true };
}

async function wordMatches(text: string): Promise<SearchMatch[]> {
  if (!HAS_WORD.test(text)) return [];
  if (postgres()) return ((await commonWords(text)) && (await walkWordMatches(text))) || (await recentWordMatches(text)) || plainWordMatches(text);
  // SQLite: a short last word read as a prefix ("com" of "ops12@company.com") makes FTS5 merge the whole
  // doclist of every word it begins (company, com, commit...: a million rows each) before the phrase
  // narrows anything, ~250 ms; see prefixRecheck.
  const words = searchWords(text);
  if (words.length > 1 && words.at(-1)!.length < 4 && ASCII.test(text)) {
    const rechecked = await prefixRecheck(words);
    if (rechecked) return rechecked;
  }
  return plainWordMatches(text);
}

/** PostgreSQL: the phrase, the last word a prefix, as a filter (ts_match_vq is @@ as a function, so never the index). */
const PHRASE = `ts_match_vq("searchText", to_tsquery('simple', replace(nullif(trim(regexp_replace(lower($1), '[^[:alnum:]]+', ' ', 'g')), ''), ' ', ' <-> ') || ':*'))`;

/**
 * The newest SEARCH_MATCH_CAP matches through the text index: PostgreSQL's
 * GIN on the narrowing words, SQLite's FTS5 phrase query.
 */
export async function plainWordMatches(text: string): Promise<SearchMatch[]> {
  const proposal = qualifiedTable("Proposal");
  if (postgres()) return indexWordMatches(text, null);
  // The newest matches: an FTS5 table iterates its rowids (insertion order) backwards without sorting.
  const rows = await packedRows(
    MATCH_COLUMNS,
    `SELECT ${MATCH_SELECT} FROM ${proposal} WHERE "rowid" IN (SELECT "rowid" FROM "ProposalSearch" WHERE "ProposalSearch" MATCH ? ORDER BY "rowid" DESC LIMIT ?)`,
    ftsPhrase(text),
    SEARCH_MATCH_CAP,
  );
  return rows.map(fromPacked);
}

/**
 * PostgreSQL: the newest SEARCH_MATCH_CAP matches through the GIN index, of the rows created from the start
 * of the hour of `since` onwards when given (a timestamp as stored, UTC wall clock).
 */
async function indexWordMatches(text: string, since: string | null): Promise<SearchMatch[]> {
  // All immutable functions of the parameters: planned with the actual text. The index condition ($3, the
  // narrowing words, see indexWords and withoutEverywhereWords) implies the phrase, which PHRASE checks on the rows it finds. Input
  // with no words left after the split gives a NULL tsquery, which matches nothing (never a syntax error).
  // The window is the index's time words (search-time-words.ts), in the same lookup as the words: a
  // condition on "createdAt" would have PostgreSQL build a bitmap of the whole window from its btree.
  const narrow = withoutEverywhereWords(indexWords(text), await readSearchStats());
  const window = since === null ? null : await windowTimeWords(since);
  if (since !== null && window === null) return [];
  const rows = await packedRows(
    MATCH_COLUMNS,
    `SELECT ${MATCH_SELECT} FROM ${qualifiedTable("Proposal")}
     WHERE ${SEARCH_VECTOR} @@ (to_tsquery('simple', replace(nullif(trim(regexp_replace(lower($3), '[^[:alnum:]]+', ' ', 'g')), ''), ' ', ' & ') || $4)${window === null ? "" : " && $5::tsquery"})
       AND ${PHRASE}
     ORDER BY "createdAt" DESC, "id" DESC LIMIT $2`,
    ...[text, SEARCH_MATCH_CAP, narrow.words, narrow.prefix ? ":*" : "", ...(window === null ? [] : [window])],
  );
  return rows.map(fromPacked);
}

/**
 * The time words (as a tsquery) of every row created from the hour of `since` onwards: up to the newest
 * row's hour or now, whichever is later, and a day beyond (rows written meanwhile are inside too).
 */
async function windowTimeWords(since: string): Promise<string | null> {
  const [hours] = await db.$queryRawUnsafe<{ from: number; newest: number | null }[]>(
    `SELECT floor(extract(epoch from $1::timestamp) / 3600)::float8 AS "from",
            (SELECT floor(extract(epoch from max("createdAt")) / 3600)::float8 FROM ${qualifiedTable("Proposal")}) AS "newest"`,
    since,
  );
  const from = Number(hours!.from);
  const to = Math.max(Number(hours?.newest ?? 0), hourOf(Date.now())) + 24;
  // Only SQL can write a row dated far ahead (the app dates rows itself); one in the year 9000 stretched the
  // window to 240,000 words, past what a tsquery holds, and every such search failed. Past this span there
  // is no window: the caller asks the whole index (the same rows, slower).
  if (to - from > MAX_WINDOW_HOURS) return null;
  return windowQuery(windowWords(from, to));
}

/** The longest window of time words: 64 blocks of 256 hours (about 1.9 years), at most 94 words. */
const MAX_WINDOW_HOURS = 64 * 256;

/**
 * PostgreSQL, for words in some thousands of rows (an acting-for email on one proposal in a hundred): the
 * GIN index finds them all, and each is a row read in its own page before the newest are kept (10,000
 * pages at a million). The newest matches are among the newest rows, so the same query over a window of
 * them (`since`: from the createdAt histogram, sized for WINDOW_ROOM caps at the words' sampled share, see
 * recentCutoff, from the start of its hour) reads only the window's matches: the window is words of the
 * same GIN index (search-time-words.ts), so one lookup finds them before a row is read. When the window
 * holds fewer than the cap, they may not be
 * the newest of all, so null: the caller asks the whole index. The same rows as plainWordMatches.
 */
export async function recentWordMatches(text: string, since?: string | null): Promise<SearchMatch[] | null> {
  const cutoff = since === undefined ? await recentCutoff(text) : since;
  if (cutoff === null) return null;
  const rows = await indexWordMatches(text, cutoff);
  return rows.length === SEARCH_MATCH_CAP ? rows : null;
}

/** The newest rows walkWordMatches reads before it gives way to the index (cap / COMMON, with room). */
const WALK_WINDOW = 12 * SEARCH_MATCH_CAP;

/**
 * PostgreSQL, for words in a good part of the rows (a name on every fifth
 * proposal): the newest matches are among the newest rows, so walking the
 * (createdAt, id) index with the phrase as a filter stops after a few times
 * the cap. The planner cannot see that (it multiplies the words' shares: 1%
 * for two words of 20% that always come together) and took the GIN bitmap
 * instead, 200,000 rows read through a lossy bitmap, 2-6 s; the settings make
 * it walk. At most `window` rows: words common apart but rare together would
 * walk the whole table, so then (null) the caller asks the index. The same
 * rows as plainWordMatches.
 */
export async function walkWordMatches(text: string, window = WALK_WINDOW): Promise<SearchMatch[] | null> {
  const proposal = qualifiedTable("Proposal");
  const walk = `SELECT ${MATCH_SELECT} FROM (SELECT ${MATCH_SELECT}, "searchText" FROM ${proposal} ORDER BY "createdAt" DESC, "id" DESC LIMIT $3) AS "newest"
     WHERE ${PHRASE} ORDER BY "createdAt" DESC, "id" DESC LIMIT $2`;
  // One batch (not an interactive transaction, which has a time-out): SET LOCAL holds for this read alone.
  const [, , packed] = await db.$transaction([
    db.$executeRawUnsafe(`SET LOCAL enable_bitmapscan = off`),
    db.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`),
    db.$queryRawUnsafe<{ rows: string }[]>(packedSelect(MATCH_COLUMNS, walk), text, SEARCH_MATCH_CAP, window),
  ]);
  const rows = (JSON.parse(packed[0]?.rows ?? "[]") as unknown[][]).map(fromPacked);
  if (rows.length === SEARCH_MATCH_CAP) return rows;
  // Fewer than the cap: all of them only if the window held the whole table.
  const beyond = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM ${proposal} ORDER BY "createdAt" DESC, "id" DESC OFFSET $1 LIMIT 1`, window);
  return beyond.length === 0 ? rows : null;
}

const ASCII = /^[\x00-\x7f]*$/;
/** Candidates read per round, and rounds, before the recheck gives way to the plain query. */
const RECHECK_BATCH = SEARCH_MATCH_CAP;
const RECHECK_ROUNDS = 3;
/** The text FTS5 indexes for a proposal (migration `queue_search`). */
const BODY = `"title" || ' ' || "intent" || ' ' || coalesce("actorEmail", '') || ' ' || coalesce("actorName", '') || ' ' || coalesce("summary", '')`;

/**
 * The newest SEARCH_MATCH_CAP matches of the words as a phrase with a prefix
 * on the last, found as the newest candidates of the exact phrase of the
 * words before it, checked on their text: the same rows as the plain query.
 * Null (use the plain query) when RECHECK_ROUNDS batches of candidates did
 * not fill the cap nor run out (the words before the last are common, the
 * whole phrase is not).
 */
export async function prefixRecheck(words: string[], batch = RECHECK_BATCH): Promise<SearchMatch[] | null> {
  const proposal = qualifiedTable("Proposal");
  const head = words.slice(0, -1);
  const last = words.at(-1)!;
  const matchesPhrase = phraseWithPrefix(head, last);
  const matches: SearchMatch[] = [];
  let below = Number.MAX_SAFE_INTEGER;
  for (let round = 0; round < RECHECK_ROUNDS; round++) {
    const rows = await packedRows(
      ["rowid", ...MATCH_COLUMNS, "body"].map((c) => (c.startsWith('"') ? c : `"${c}"`)),
      `SELECT "rowid" AS "rowid", ${MATCH_SELECT}, ${BODY} AS "body" FROM ${proposal}
       WHERE "rowid" IN (SELECT "rowid" FROM "ProposalSearch" WHERE "ProposalSearch" MATCH ? AND "rowid" < ? ORDER BY "rowid" DESC LIMIT ?)`,
      ftsPhrase(head.join(" ")).slice(0, -1),
      below,
      batch,
    );
    rows.sort((a, b) => Number(b[0]) - Number(a[0]));
    for (const row of rows) {
      const body = String(row.at(-1));
      if (matchesPhrase(body)) matches.push(fromPacked(row.slice(1, -1)));
      if (matches.length === SEARCH_MATCH_CAP) return matches;
    }
    if (rows.length < batch) return matches;
    below = Number(rows.at(-1)![0]);
  }
  return null;
}

/**
 * Whether a text holds `head` as consecutive words followed by a word that
 * starts with `last`, words split and lower-cased as FTS5's unicode61 does
 * (searchWords): one regular expression per search, not a split of every
 * candidate's text; an ASCII text (the common case) needs no case folding.
 * `head` and `last` are words of searchWords of ASCII text (so only [a-z0-9]);
 * escaped all the same, so typed text stays data whoever calls this.
 */
export function phraseWithPrefix(head: string[], last: string): (text: string) => boolean {
  const words = [...head, last].map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const ascii = new RegExp(`(?:^|[^a-zA-Z0-9])${words.join("[^a-zA-Z0-9]+")}`, "i");
  const unicode = new RegExp(`(?:^|[^\\p{L}\\p{N}])${words.join("[^\\p{L}\\p{N}]+")}`, "u");
  return (text) => (ASCII.test(text) ? ascii.test(text) : unicode.test(text.toLowerCase()));
}

/**
 * PostgreSQL's sampled statistics (pg_stats, pg_class), re-read every few minutes: the commonest words'
 * frequencies, the createdAt histogram (101 bounds: the quantiles 0%..100%) and the table's row estimate.
 */
type SearchStats = { at: number; freq: Map<string, number>; createdAt: string[]; rows: number };
let searchStats: SearchStats | null = null;
const WORD_STATS_MS = 5 * 60_000;
/** Every word of the phrase in at least this share of the rows: walk the newest rows (see walkWordMatches). */
const COMMON = 0.1;
/** A window of the newest rows (recentWordMatches) when the words are expected in more rows than this many caps... */
const WINDOW_FROM_CAPS = 4;
/**
 * ...sized for this many caps of matches at the words' share, and only when that is under half the table.
 * Each room costs rows read (`ops12@company.com` at a million: 2,300 rows at 2, 1,634 at 1.5, 1,340 at 1.2);
 * too little and a short window costs a second query over the whole index.
 */
const WINDOW_ROOM = 1.5;

async function readSearchStats(): Promise<SearchStats> {
  if (searchStats && Date.now() - searchStats.at <= WORD_STATS_MS) return searchStats;
  const schema = (databaseTarget.provider === "postgresql" && databaseTarget.schema) || null;
  const [row] = await db.$queryRawUnsafe<{ elems: string[] | null; freqs: number[] | null; bounds: string[] | null; rows: number | null }[]>(
    `SELECT (SELECT most_common_elems::text::text[] FROM pg_stats WHERE schemaname = coalesce($1, current_schema()) AND tablename = 'Proposal' AND attname = 'searchText') AS "elems",
            (SELECT most_common_elem_freqs FROM pg_stats WHERE schemaname = coalesce($1, current_schema()) AND tablename = 'Proposal' AND attname = 'searchText') AS "freqs",
            (SELECT histogram_bounds::text::text[] FROM pg_stats WHERE schemaname = coalesce($1, current_schema()) AND tablename = 'Proposal' AND attname = 'createdAt') AS "bounds",
            (SELECT reltuples::float8 FROM pg_class WHERE oid = to_regclass(quote_ident(coalesce($1, current_schema())) || '."Proposal"')) AS "rows"`,
    schema,
  );
  const freq = new Map<string, number>();
  (row?.elems ?? []).forEach((w, i) => freq.set(w, Number(row?.freqs?.[i] ?? 0)));
  searchStats = { at: Date.now(), freq, createdAt: row?.bounds ?? [], rows: Math.max(0, Number(row?.rows ?? 0)) };
  return searchStats;
}

/** A word's sampled share of the rows; the last word is a prefix: the words it begins, together (an upper bound, as words can share a row). */
function wordShare(stats: Pick<SearchStats, "freq">, word: string, prefix: boolean): number {
  if (!prefix) return stats.freq.get(word) ?? 0;
  let sum = 0;
  for (const [k, f] of stats.freq) if (k.startsWith(word)) sum += f;
  return Math.min(1, sum);
}

/** A word in at least this share of the rows ("company" of ops12@company.com: every row) narrows the GIN lookup by a tenth at most. */
const EVERYWHERE = 0.9;

/**
 * PostgreSQL: the index words (indexWords) less those in nearly every row, when another word is left: the
 * GIN lookup then walks their posting lists (a million entries each) for nothing, about 5 of 17 ms of the
 * `ops12@company.com` search's backend CPU at a million. The phrase is still checked on every row found.
 */
export function withoutEverywhereWords(narrow: { words: string; prefix: boolean }, stats: Pick<SearchStats, "freq">): { words: string; prefix: boolean } {
  const words = searchWords(narrow.words);
  const last = words.length - 1;
  const kept = words.map((w, i) => ({ w, i })).filter(({ w, i }) => wordShare(stats, w, narrow.prefix && i === last) < EVERYWHERE);
  if (kept.length === 0 || kept.length === words.length) return narrow;
  return { words: kept.map(({ w }) => w).join(" "), prefix: narrow.prefix && kept.at(-1)!.i === last };
}

async function commonWords(text: string): Promise<boolean> {
  const words = searchWords(text);
  if (words.length === 0) return false;
  const stats = await readSearchStats();
  return words.every((w, i) => wordShare(stats, w, i === words.length - 1) >= COMMON);
}

/**
 * The createdAt from which the newest rows should hold WINDOW_ROOM caps of the text's matches, by the
 * sampled shares of the words the index looks up (the rarest bounds the phrase), or null when the words
 * are rare (not among the sampled commonest: the index finds few) or the window would be most of the table.
 * Rows added since the statistics were taken are newer than every bound, so always inside the window.
 */
export async function recentCutoff(text: string): Promise<string | null> {
  const narrow = indexWords(text);
  const words = searchWords(narrow.words);
  if (words.length === 0) return null;
  const stats = await readSearchStats();
  if (stats.createdAt.length < 2 || stats.rows <= 0) return null;
  const share = Math.min(...words.map((w, i) => wordShare(stats, w, narrow.prefix && i === words.length - 1)));
  const expected = share * stats.rows;
  if (expected < WINDOW_FROM_CAPS * SEARCH_MATCH_CAP) return null;
  const fraction = (WINDOW_ROOM * SEARCH_MATCH_CAP) / expected;
  if (fraction > 0.5) return null;
  const last = stats.createdAt.length - 1;
  return stats.createdAt[Math.floor((1 - fraction) * last)] ?? null;
}

async function agentMatches(text: string): Promise<SearchMatch[]> {
  const words = searchWords(text).join(" ");
  if (!words) return [];
  const agents = await db.agent.findMany({ select: { id: true, name: true } });
  const ids = agents.filter((a) => ` ${searchWords(a.name).join(" ")}`.includes(` ${words}`)).map((a) => a.id);
  if (ids.length === 0) return [];
  const list = ids.map((_, i) => sqlParam(i + 1)).join(", ");
  const rows = await packedRows(
    MATCH_COLUMNS,
    `SELECT ${MATCH_SELECT} FROM ${qualifiedTable("Proposal")} WHERE "agentId" IN (${list}) ORDER BY "createdAt" DESC, "id" DESC LIMIT ${sqlParam(ids.length + 1)}`,
    ...ids,
    SEARCH_MATCH_CAP,
  );
  return rows.map(fromPacked);
}

async function idMatches(text: string): Promise<SearchMatch[]> {
  const prefix = text.toLowerCase();
  if (!ID_PREFIX.test(prefix)) return [];
  const proposal = qualifiedTable("Proposal");
  // Only [0-9a-z-] gets here: no LIKE wildcards to escape. PostgreSQL: the text_pattern_ops index; SQLite: a range on the key.
  const rows = postgres()
    ? await packedRows(MATCH_COLUMNS, `SELECT ${MATCH_SELECT} FROM ${proposal} WHERE "id" LIKE $1 ORDER BY "id" LIMIT $2`, `${prefix}%`, SEARCH_MATCH_CAP)
    : await packedRows(MATCH_COLUMNS, `SELECT ${MATCH_SELECT} FROM ${proposal} WHERE "id" >= ? AND "id" < ? ORDER BY "id" LIMIT ?`, prefix, `${prefix}\uffff`, SEARCH_MATCH_CAP);
  return rows.map(fromPacked);
}

export type SearchMatches = { ids: string[]; matches: SearchMatch[]; capped: boolean };

/**
 * The proposals matching the typed text (at most SEARCH_MATCH_CAP per
 * source), with the columns the queue filters, counts and sorts them by (so
 * the queue never sends their ids back as an `id IN` list of thousands);
 * `capped` when a source had more, so the page can say its results and counts
 * are only the newest matches. Cached per request: the page query and the
 * per-status counts ask for the same search.
 */
export const searchProposals = cache(async (q: string): Promise<SearchMatches> => {
  const text = q.trim();
  if (!text) return { ids: [], matches: [], capped: false };
  const sources = await Promise.all([wordMatches(text), agentMatches(text), idMatches(text)]);
  const byId = new Map<string, SearchMatch>();
  for (const m of sources.flat()) byId.set(m.id, m);
  return { ids: [...byId.keys()], matches: [...byId.values()], capped: sources.some((rows) => rows.length >= SEARCH_MATCH_CAP) };
});

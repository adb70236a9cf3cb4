import "server-only";
// The queue's text search, as a prefilter: the proposals whose words match
// what an operator typed, with the few columns list-queue.ts filters, counts,
// sorts and pages them by (a view snapshot narrows its query by their ids). Prisma cannot express a full-text match, so the word search is
// plain SQL per database on the index the migration `queue_search` keeps in
// sync: SQLite's FTS5 table "ProposalSearch", PostgreSQL's GIN-indexed
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
import { cache } from "react";
import { databaseTarget, db } from "@/lib/db/client";
import { qualifiedTable } from "@/lib/db/qualified-table";

/** Matches read per source, newest first: a search that matches more is narrowed by its words, not paged through. */
export const SEARCH_MATCH_CAP = 5000;

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

const MATCH_COLUMNS = `"id", "status", "queueId", "agentId", "tier", "risk", "riskRank", "createdAt", "expiresAt"`;
const matchSelect = { id: true, status: true, queueId: true, agentId: true, tier: true, risk: true, riskRank: true, createdAt: true, expiresAt: true } as const;

type RawMatch = Omit<SearchMatch, "createdAt" | "expiresAt" | "riskRank"> & { riskRank: number | bigint; createdAt: Date | string; expiresAt: Date | string | null };
const fromRaw = (r: RawMatch): SearchMatch => ({ ...r, riskRank: Number(r.riskRank), createdAt: new Date(r.createdAt), expiresAt: r.expiresAt === null ? null : new Date(r.expiresAt) });

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
  const proposal = qualifiedTable("Proposal");
  if (postgres()) {
    // All immutable functions of the parameters: planned with the actual text. The index condition ($3, the
    // narrowing words, see indexWords) implies the phrase, which ts_match_vq (@@ as a function, so never the
    // index) checks on the rows it finds. Input with no words left after the split gives a NULL tsquery,
    // which matches nothing (never a syntax error).
    const narrow = indexWords(text);
    const rows = await db.$queryRawUnsafe<RawMatch[]>(
      `SELECT ${MATCH_COLUMNS} FROM ${proposal}
       WHERE "searchText" @@ to_tsquery('simple', replace(nullif(trim(regexp_replace(lower($3), '[^[:alnum:]]+', ' ', 'g')), ''), ' ', ' & ') || $4)
         AND ts_match_vq("searchText", to_tsquery('simple', replace(nullif(trim(regexp_replace(lower($1), '[^[:alnum:]]+', ' ', 'g')), ''), ' ', ' <-> ') || ':*'))
       ORDER BY "createdAt" DESC LIMIT $2`,
      text,
      SEARCH_MATCH_CAP,
      narrow.words,
      narrow.prefix ? ":*" : "",
    );
    return rows.map(fromRaw);
  }
  // The newest matches: an FTS5 table iterates its rowids (insertion order) backwards without sorting.
  const rows = await db.$queryRawUnsafe<RawMatch[]>(
    `SELECT ${MATCH_COLUMNS} FROM ${proposal} WHERE "rowid" IN (SELECT "rowid" FROM "ProposalSearch" WHERE "ProposalSearch" MATCH ? ORDER BY "rowid" DESC LIMIT ?)`,
    ftsPhrase(text),
    SEARCH_MATCH_CAP,
  );
  return rows.map(fromRaw);
}

async function agentMatches(text: string): Promise<SearchMatch[]> {
  const words = searchWords(text).join(" ");
  if (!words) return [];
  const agents = await db.agent.findMany({ select: { id: true, name: true } });
  const ids = agents.filter((a) => ` ${searchWords(a.name).join(" ")}`.includes(` ${words}`)).map((a) => a.id);
  if (ids.length === 0) return [];
  return db.proposal.findMany({ where: { agentId: { in: ids } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: SEARCH_MATCH_CAP, select: matchSelect });
}

async function idMatches(text: string): Promise<SearchMatch[]> {
  const prefix = text.toLowerCase();
  if (!ID_PREFIX.test(prefix)) return [];
  const proposal = qualifiedTable("Proposal");
  // Only [0-9a-z-] gets here: no LIKE wildcards to escape. PostgreSQL: the text_pattern_ops index; SQLite: a range on the key.
  const rows = postgres()
    ? await db.$queryRawUnsafe<RawMatch[]>(`SELECT ${MATCH_COLUMNS} FROM ${proposal} WHERE "id" LIKE $1 ORDER BY "id" LIMIT $2`, `${prefix}%`, SEARCH_MATCH_CAP)
    : await db.$queryRawUnsafe<RawMatch[]>(`SELECT ${MATCH_COLUMNS} FROM ${proposal} WHERE "id" >= ? AND "id" < ? ORDER BY "id" LIMIT ?`, prefix, `${prefix}\uffff`, SEARCH_MATCH_CAP);
  return rows.map(fromRaw);
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

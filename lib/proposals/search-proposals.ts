import "server-only";
// The queue's text search, as a prefilter: the ids of the proposals whose
// words match what an operator typed, for list-queue.ts to narrow its own
// query with (its filters, order, pagination and counts stay the query
// builder's). Prisma cannot express a full-text match, so the word search is
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

async function wordMatches(text: string): Promise<string[]> {
  if (!HAS_WORD.test(text)) return [];
  const proposal = qualifiedTable("Proposal");
  if (postgres()) {
    // All immutable functions of $1: planned with the actual text (GIN for rare words, the createdAt index for common ones).
    // An input with no words left after the split gives a NULL tsquery, which matches nothing (never a syntax error).
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT "id" FROM ${proposal} WHERE "searchText" @@ to_tsquery('simple', replace(nullif(trim(regexp_replace(lower($1), '[^[:alnum:]]+', ' ', 'g')), ''), ' ', ' <-> ') || ':*') ORDER BY "createdAt" DESC LIMIT $2`,
      text,
      SEARCH_MATCH_CAP,
    );
    return rows.map((r) => r.id);
  }
  // The newest matches: an FTS5 table iterates its rowids (insertion order) backwards without sorting.
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM ${proposal} WHERE "rowid" IN (SELECT "rowid" FROM "ProposalSearch" WHERE "ProposalSearch" MATCH ? ORDER BY "rowid" DESC LIMIT ?)`,
    ftsPhrase(text),
    SEARCH_MATCH_CAP,
  );
  return rows.map((r) => r.id);
}

async function agentMatches(text: string): Promise<string[]> {
  const words = searchWords(text).join(" ");
  if (!words) return [];
  const agents = await db.agent.findMany({ select: { id: true, name: true } });
  const ids = agents.filter((a) => ` ${searchWords(a.name).join(" ")}`.includes(` ${words}`)).map((a) => a.id);
  if (ids.length === 0) return [];
  const rows = await db.proposal.findMany({ where: { agentId: { in: ids } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: SEARCH_MATCH_CAP, select: { id: true } });
  return rows.map((r) => r.id);
}

async function idMatches(text: string): Promise<string[]> {
  const prefix = text.toLowerCase();
  if (!ID_PREFIX.test(prefix)) return [];
  const proposal = qualifiedTable("Proposal");
  // Only [0-9a-z-] gets here: no LIKE wildcards to escape. PostgreSQL: the text_pattern_ops index; SQLite: a range on the key.
  const rows = postgres()
    ? await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM ${proposal} WHERE "id" LIKE $1 ORDER BY "id" LIMIT $2`, `${prefix}%`, SEARCH_MATCH_CAP)
    : await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM ${proposal} WHERE "id" >= ? AND "id" < ? ORDER BY "id" LIMIT ?`, prefix, `${prefix}\uffff`, SEARCH_MATCH_CAP);
  return rows.map((r) => r.id);
}

export type SearchMatches = { ids: string[]; capped: boolean };

/**
 * The ids of the proposals matching the typed text (at most SEARCH_MATCH_CAP
 * per source), for an `id IN` filter; `capped` when a source had more, so the
 * page can say its results and counts are only the newest matches. Cached per
 * request: the page query and the per-status counts ask for the same search.
 */
export const searchProposals = cache(async (q: string): Promise<SearchMatches> => {
  const text = q.trim();
  if (!text) return { ids: [], capped: false };
  const sources = await Promise.all([wordMatches(text), agentMatches(text), idMatches(text)]);
  return { ids: [...new Set(sources.flat())], capped: sources.some((ids) => ids.length >= SEARCH_MATCH_CAP) };
});

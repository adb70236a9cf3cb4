// The text search's faster query shapes return the same rows as the plain
// query through the text index (search-proposals.ts): on SQLite, the phrase
// whose short last word is checked on the candidates' text (prefixRecheck),
// in one round, over several rounds, and giving way to the plain query when
// the rounds run out; on PostgreSQL, the walk of the newest rows with the
// phrase as a filter (walkWordMatches), which gives way to the index when its
// window of the newest rows ran out before the cap, and the index query over a window of the newest
// rows (recentWordMatches), which gives way when the window holds fewer than the cap. Each compares with plainWordMatches on
// rows made to tell them apart: the head words followed by a word with the
// prefix, by one without it, in another order, across the boundary of the
// words, and with accented letters.
import { randomUUID } from "node:crypto";
import { describe, expect, it, onTestFinished } from "vitest";
import { databaseTarget, db } from "@/lib/db/client";
import type { Prisma } from "@/generated/sqlite/client";
import { indexWords, phraseWithPrefix, plainWordMatches, prefixRecheck, recentCutoff, recentWordMatches, SEARCH_MATCH_CAP, searchWords, walkWordMatches, withoutEverywhereWords } from "@/lib/proposals/search-proposals";
import { createTestWorld, sampleEnvelope } from "@/test-support/fixtures";
import { postProposal } from "@/test-support/agent-api";

const sqlite = databaseTarget.provider === "sqlite";
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const HOUR = 3_600_000;

describe("text search query shapes", async () => {
  const tag = `zs${randomUUID().slice(0, 8)}`;
  const world = await createTestWorld();
  async function propose(title: string, email = "ops@company.com"): Promise<string> {
    const res = await postProposal(world.apiKey, sampleEnvelope(world.queue.slug, { title, actor: { type: "user", id: "u_1", email, name: "Dana Ops" } }));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const match = [
    await propose(`Pay ${tag} vendor comx`),
    await propose(`Pay ${tag} vendor COM`),
    await propose(`Other`, `ops.${tag}@vendor.com`),
    await propose(`Pay ${tag}-vendor.Commit and more`),
    await propose(`Pay ${tag} vendor com`),
    await propose(`Pay ${tag} vendor comé (accented)`),
  ];
  // The head words but not followed by the prefix, or not as a phrase, or the prefix inside a word.
  const near = [
    await propose(`Pay ${tag} vendor other com`),
    await propose(`Pay vendor ${tag} com`),
    await propose(`Pay ${tag} vendorcom`),
    await propose(`Pay ${tag} vendor xcom`),
    await propose(`Pay ${tag} vendoré com`),
  ];

  it("knows a phrase with a prefix from the rest, in ASCII and accented text", () => {
    const test = phraseWithPrefix([tag, "vendor"], "com");
    expect(test(`pay ${tag} Vendor Company`)).toBe(true);
    expect(test(`${tag}--vendor..com`)).toBe(true);
    expect(test(`pay ${tag} vendor xcom`)).toBe(false);
    expect(test(`pay x${tag} vendor com`)).toBe(false);
    expect(test(`pay ${tag} vendoré com`)).toBe(false);
    expect(test(`é ${tag} vendor comé`)).toBe(true);
    expect(test(`é ${tag} vendor écom`)).toBe(false);
  });

  it("leaves words in nearly every row out of the GIN lookup when another word narrows it", () => {
    const freq = new Map([["company", 1], ["com", 1], ["commit", 0.3], ["pay", 0.5], ["payment", 0.2], ["ops12", 0.0095]]);
    // "com" is dropped before (indexWords: a short last word); "company" is in every row.
    expect(withoutEverywhereWords(indexWords("ops12@company.com"), { freq })).toEqual({ words: "ops12", prefix: false });
    // The last word kept keeps its prefix; a prefix that begins words in every row goes.
    expect(withoutEverywhereWords(indexWords("company paym"), { freq })).toEqual({ words: "paym", prefix: true });
    expect(withoutEverywhereWords(indexWords("pay comp"), { freq })).toEqual({ words: "pay", prefix: false });
    // Nothing else to narrow by: the words stay as they are.
    expect(withoutEverywhereWords(indexWords("company"), { freq })).toEqual({ words: "company", prefix: true });
    expect(withoutEverywhereWords(indexWords("pay commit"), { freq })).toEqual({ words: "pay commit", prefix: true });
  });

  it("takes the words as text, never as a pattern", () => {
    // Callers pass searchWords of ASCII text; whoever calls it, a pattern character must not widen the match or throw.
    const test = phraseWithPrefix(["a.c", "(x"], "y+");
    expect(test("pay a.c (x y+ now")).toBe(true);
    expect(test("pay abc (x yy now")).toBe(false);
    expect(() => phraseWithPrefix(["[", "\\"], "(")).not.toThrow();
  });

  it.runIf(sqlite)("SQLite: the recheck of a short last word finds the plain query's rows, in one round or many", async () => {
    for (const text of [`${tag} vendor com`, `${tag} vendor co`, `${tag}@vendor.com`, `${tag} vendor c`]) {
      const plain = ids(await plainWordMatches(text));
      expect(plain.length, text).toBeGreaterThan(0);
      expect(ids((await prefixRecheck(searchWords(text)))!), text).toEqual(plain);
      // Three candidates per round (of eight): three rounds, each continuing below the last one's rowid.
      expect(ids((await prefixRecheck(searchWords(text), 3))!), text).toEqual(plain);
    }
    expect(ids(await plainWordMatches(`${tag} vendor com`))).toEqual([...match].sort());
    // One candidate per round: three rounds do not exhaust the candidates, so the caller takes the plain query.
    expect(await prefixRecheck(searchWords(`${tag} vendor com`), 1)).toBeNull();
    expect(near).toHaveLength(5);
  });

  it.runIf(!sqlite)("PostgreSQL: the walk of the newest rows finds the plain query's rows", async () => {
    for (const text of [`${tag} vendor com`, `${tag}`, `${tag}@vendor.com`, `Pay ${tag}`, `${tag} vendor c`, `vendor ${tag}`]) {
      const plain = ids(await plainWordMatches(text));
      expect(plain.length, text).toBeGreaterThan(0);
      expect(ids((await walkWordMatches(text))!), text).toEqual(plain);
    }
    // A window of the newest rows that holds fewer than the cap of matches and not the whole table: the
    // walk cannot tell it has them all, so it gives way to the index (null), never a partial list.
    expect(await walkWordMatches(`${tag} vendor com`, 1)).toBeNull();
  });

  it.runIf(!sqlite)("PostgreSQL: the index query over a window of the newest rows finds the plain query's rows, or gives way", async () => {
    // More matches than the cap, 16 minutes apart from 100 hours ago to 300 hours ahead (so the window's time
    // words span hours, 16-hour and 256-hour blocks, and rows newer than the 256-hour block of a day from
    // now: the window reaches the newest row, wherever it is), one of the near misses among every seven.
    const many = `zw${randomUUID().slice(0, 8)}`;
    const { id: _id, ...template } = await db.proposal.findUniqueOrThrow({ where: { id: match[0]! } });
    const start = Math.floor(Date.now() / HOUR) * HOUR - 100 * HOUR;
    const total = SEARCH_MATCH_CAP * 1.5;
    const at = (k: number) => start + k * 16 * 60_000;
    const made = Array.from({ length: total }, (_, k) => ({
      ...template,
      id: randomUUID(),
      idempotencyKey: randomUUID(),
      title: k % 7 === 3 ? `Pay ${many}x vendor` : `Pay ${many} vendor ${k}`,
      createdAt: new Date(at(k)),
    }));
    await db.proposal.createMany({ data: made as unknown as Prisma.ProposalCreateManyInput[] });
    const plain = await plainWordMatches(`${many} vendor`);
    expect(plain).toHaveLength(SEARCH_MATCH_CAP);
    expect(plain[0]!.createdAt.getTime()).toBe(at(total - 1));
    // A window (as stored: UTC wall clock) that holds more than the cap of matches: the same rows, in the same order.
    const stamp = (k: number) => new Date(at(k) + 60_000).toISOString().replace("T", " ").replace("Z", "");
    expect((await recentWordMatches(`${many} vendor`, stamp(100)))?.map((m) => m.id)).toEqual(plain.map((m) => m.id));
    // One that holds fewer (from the hour of row 1,200 on: 300 rows): they may not be the newest of all, so it
    // gives way (null), never a partial list.
    expect(await recentWordMatches(`${many} vendor`, stamp(total - 300))).toBeNull();
    // Words not among the sampled commonest (a fresh tag) never get a window.
    expect(await recentCutoff(`${many} vendor`)).toBeNull();
  }, 120_000);

  it.runIf(!sqlite)("PostgreSQL: a row planted far in the future does not make the window too big to ask; the search gives way to the whole index", async () => {
    // Only SQL writes such a row (the app dates rows itself). The window then ran to the year 9000: 240,000
    // time words, "value is too big in tsquery", and every search that took a window failed.
    const far = `zf${randomUUID().slice(0, 8)}`;
    const { id: _id, ...template } = await db.proposal.findUniqueOrThrow({ where: { id: match[0]! } });
    const planted = { ...template, id: randomUUID(), idempotencyKey: randomUUID(), title: `Pay ${far} vendor`, createdAt: new Date("9000-01-01T00:00:00Z") };
    await db.proposal.createMany({ data: [planted] as unknown as Prisma.ProposalCreateManyInput[] });
    onTestFinished(() => db.proposal.delete({ where: { id: planted.id } }).then(() => undefined));
    const recent = new Date(Date.now() - 2 * HOUR).toISOString().replace("T", " ").replace("Z", "");
    expect(await recentWordMatches(`${far} vendor`, recent)).toBeNull();
    expect(ids(await plainWordMatches(`${far} vendor`))).toEqual([planted.id]);
  });
});


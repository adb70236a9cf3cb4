// The time words of a window of hours (search-time-words.ts) name every hour from its first on, each once:
// a missed hour would drop its rows from a windowed search (search-proposals.ts, recentWordMatches), an
// hour named twice costs an index entry read for nothing.
import { describe, expect, it } from "vitest";
import { hourOf, windowQuery, windowWords } from "@/lib/proposals/search-time-words";

const SIZES = [1, 16, 256];
/** The hours a time word names: its level's block. */
function hoursOf(word: string): number[] {
  const [, level, n] = /^~(\d)\.(-?\d+)$/.exec(word)!;
  const size = SIZES[Number(level)]!;
  return Array.from({ length: size }, (_, i) => Number(n) * size + i);
}

describe("the search index's time words", () => {
  it("name every hour of a window once, from its first hour on", () => {
    for (const [from, to] of [[498_588, 498_588], [498_588, 498_600], [498_588, 498_960], [498_432, 502_000], [-40, 300], [0, 0], [511, 512]] as const) {
      const hours = windowWords(from, to).flatMap(hoursOf).sort((a, b) => a - b);
      expect(new Set(hours).size, `${from}..${to}`).toBe(hours.length);
      expect(hours[0], `${from}..${to}`).toBe(from);
      expect(hours.at(-1)!, `${from}..${to}`).toBeGreaterThanOrEqual(to);
      hours.forEach((h, i) => expect(h).toBe(from + i));
    }
  });

  it("take the fewest words: hours up to a 16-hour block, blocks of 16 up to one of 256, then blocks of 256", () => {
    expect(windowWords(498_588, 498_960)).toEqual(["~0.498588", "~0.498589", "~0.498590", "~0.498591", ...[31_162, 31_163, 31_164, 31_165, 31_166, 31_167].map((n) => `~1.${n}`), "~2.1948", "~2.1949"]);
    expect(windowWords(5, 4)).toEqual([]);
  });

  it("reckon hours in UTC from 1970, as the index's expression does for a stored createdAt", () => {
    expect(hourOf(Date.UTC(2026, 10, 17, 12, 1, 43, 481))).toBe(498_588);
    expect(hourOf(Date.UTC(1969, 11, 31, 23, 59))).toBe(-1);
  });

  it("make a tsquery of any of them, or none", () => {
    expect(windowQuery(["~0.1", "~2.3"])).toBe("'~0.1' | '~2.3'");
    expect(windowQuery([])).toBeNull();
  });
});

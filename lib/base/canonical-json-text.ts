// RFC 8785 text straight from JSON text, without building the value: the
// verifier hashes every stored receipt's payload, and parsing it into objects
// only to write them out again in canonical form was most of its work and
// most of its garbage (a million receipts: about half the walk's CPU time was
// the garbage collector). Two passes:
//   1. the text is already canonical (how the chain writer stores it on
//      SQLite): checked in one scan that allocates nothing, and returned as is;
//   2. otherwise (PostgreSQL's jsonb text, with a space after every `:` and
//      `,` and keys ordered by length; rows written before the writer stored
//      canonical text): rewritten from the text's own spans, whitespace
//      dropped, members sorted.
// Anything less plain (an escape in a string, a lone surrogate, a duplicate
// key, a malformed text) gives undefined, and the caller parses and
// canonicalizes the value as before (canonicalJson), so the text returned is
// always exactly canonicalJson(JSON.parse(text)); canonical-json-text.test.ts
// holds the two equal on generated values and texts.

//
// Nesting is bounded (MAX_CANONICAL_DEPTH): both passes recurse once per
// level, and a stored text nested 200,000 deep (planted by someone who can
// write to the database) would otherwise overflow the stack. Past the bound
// they throw JsonTooDeepError, as canonicalJson does for values.
import { JsonTooDeepError, MAX_CANONICAL_DEPTH } from "@/lib/base/json-depth";

let src = "";
let pos = 0;
let depth = 0;

/** canonicalJson(JSON.parse(text)), read from the text itself; undefined where the text needs the full parser. Throws JsonTooDeepError past MAX_CANONICAL_DEPTH. */
export function canonicalJsonText(text: string): string | undefined {
  src = text;
  pos = 0;
  depth = 0;
  if (checkValue() && pos === text.length) return text;
  pos = 0;
  depth = 0;
  const out = buildValue();
  skipSpace();
  return out !== undefined && pos === text.length ? out : undefined;
}

/** One level deeper into an object or array; past the bound the text is refused, not parsed. */
function enter(): void {
  depth += 1;
  if (depth > MAX_CANONICAL_DEPTH) throw new JsonTooDeepError();
}

// Pass 1: is the text canonical already? Nothing is allocated.

function checkValue(): boolean {
  const c = src.charCodeAt(pos);
  if (c === 0x7b || c === 0x5b) {
    enter();
    const ok = c === 0x7b ? checkObject() : checkArray();
    depth -= 1;
    return ok;
  }
  if (c === 0x22) return scanString();
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return checkInteger();
  return scanLiteral();
}

function checkObject(): boolean {
  pos += 1;
  if (src.charCodeAt(pos) === 0x7d) {
    pos += 1;
    return true;
  }
  let previousStart = -1;
  let previousEnd = -1;
  for (;;) {
    const keyStart = pos + 1;
    if (src.charCodeAt(pos) !== 0x22 || !scanString()) return false;
    const keyEnd = pos - 1;
    // Strictly increasing by UTF-16 code units: sorted as RFC 8785 sorts, and no key twice.
    if (previousStart >= 0 && compareSpans(previousStart, previousEnd, keyStart, keyEnd) >= 0) return false;
    previousStart = keyStart;
    previousEnd = keyEnd;
    if (src.charCodeAt(pos) !== 0x3a) return false;
    pos += 1;
    if (!checkValue()) return false;
    const c = src.charCodeAt(pos);
    pos += 1;
    if (c === 0x7d) return true;
    if (c !== 0x2c) return false;
  }
}

function checkArray(): boolean {
  pos += 1;
  if (src.charCodeAt(pos) === 0x5d) {
    pos += 1;
    return true;
  }
  for (;;) {
    if (!checkValue()) return false;
    const c = src.charCodeAt(pos);
    pos += 1;
    if (c === 0x5d) return true;
    if (c !== 0x2c) return false;
  }
}

/** An integer as ECMAScript prints it: no leading zero, no "-0", at most 15 digits (exact in a double). Other numbers take pass 2. */
function checkInteger(): boolean {
  const start = pos;
  if (src.charCodeAt(pos) === 0x2d) pos += 1;
  const first = pos;
  while (isDigit(src.charCodeAt(pos))) pos += 1;
  const digits = pos - first;
  if (digits === 0 || digits > 15 || (digits > 1 && src.charCodeAt(first) === 0x30)) return false;
  if (src.charCodeAt(first) === 0x30 && first > start) return false; // "-0"
  const c = src.charCodeAt(pos);
  return c !== 0x2e && c !== 0x65 && c !== 0x45;
}

// Shared by both passes.

/**
 * A string without escapes: its text is then both its value and what
 * JSON.stringify writes for it (nothing in it needs escaping: no quote,
 * backslash, control character or lone surrogate). Anything else is left to
 * the full parser.
 */
function scanString(): boolean {
  pos += 1;
  for (;;) {
    const c = src.charCodeAt(pos);
    if (c === 0x22) {
      pos += 1;
      return true;
    }
    if (c === 0x5c || !(c >= 0x20)) return false; // an escape, a control character, or the end of the text
    if (c >= 0xd800 && c <= 0xdfff) {
      const low = src.charCodeAt(pos + 1);
      if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return false;
      pos += 1;
    }
    pos += 1;
  }
}

function scanLiteral(): boolean {
  for (const literal of LITERALS) {
    if (src.startsWith(literal, pos)) {
      pos += literal.length;
      return true;
    }
  }
  return false;
}

const LITERALS = ["true", "false", "null"];

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function compareSpans(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const length = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < length; i++) {
    const difference = src.charCodeAt(aStart + i) - src.charCodeAt(bStart + i);
    if (difference !== 0) return difference;
  }
  return aEnd - aStart - (bEnd - bStart);
}

// Pass 2: the canonical text rebuilt from the spans.

function skipSpace(): void {
  for (;;) {
    const c = src.charCodeAt(pos);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
    pos += 1;
  }
}

function buildValue(): string | undefined {
  skipSpace();
  const start = pos;
  const c = src.charCodeAt(pos);
  if (c === 0x7b || c === 0x5b) {
    enter();
    const out = c === 0x7b ? buildObject() : buildArray();
    depth -= 1;
    return out;
  }
  if (c === 0x22) return scanString() ? src.slice(start, pos) : undefined;
  if (c === 0x2d || isDigit(c)) return buildNumber();
  return scanLiteral() ? src.slice(start, pos) : undefined;
}

type Member = { key: string; value: string };
const byKey = (a: Member, b: Member) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function buildObject(): string | undefined {
  pos += 1;
  skipSpace();
  if (src.charCodeAt(pos) === 0x7d) {
    pos += 1;
    return "{}";
  }
  const members: Member[] = [];
  for (;;) {
    skipSpace();
    const keyStart = pos;
    if (src.charCodeAt(pos) !== 0x22 || !scanString()) return undefined;
    const key = src.slice(keyStart + 1, pos - 1);
    skipSpace();
    if (src.charCodeAt(pos) !== 0x3a) return undefined;
    pos += 1;
    const value = buildValue();
    if (value === undefined) return undefined;
    members.push({ key, value });
    skipSpace();
    const c = src.charCodeAt(pos);
    pos += 1;
    if (c === 0x7d) break;
    if (c !== 0x2c) return undefined;
  }
  members.sort(byKey);
  let text = "{";
  for (let i = 0; i < members.length; i++) {
    const { key, value } = members[i]!;
    // A key twice: JSON.parse keeps the last; left to it.
    if (i > 0 && key === members[i - 1]!.key) return undefined;
    text += `${i > 0 ? "," : ""}"${key}":${value}`;
  }
  return text + "}";
}

function buildArray(): string | undefined {
  pos += 1;
  skipSpace();
  if (src.charCodeAt(pos) === 0x5d) {
    pos += 1;
    return "[]";
  }
  let text = "[";
  for (let first = true; ; first = false) {
    const value = buildValue();
    if (value === undefined) return undefined;
    text += first ? value : `,${value}`;
    skipSpace();
    const c = src.charCodeAt(pos);
    pos += 1;
    if (c === 0x5d) return text + "]";
    if (c !== 0x2c) return undefined;
  }
}

/** JSON's number grammar, anchored where the number starts. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function buildNumber(): string | undefined {
  NUMBER.lastIndex = pos;
  if (!NUMBER.test(src)) return undefined;
  const value = Number(src.slice(pos, NUMBER.lastIndex));
  pos = NUMBER.lastIndex;
  // What canonicalJson writes for the parsed number (ECMAScript's form, "-0" as "0"); JSON.parse gives Infinity for 1e400, which it refuses.
  return Number.isFinite(value) ? JSON.stringify(value) : undefined;
}

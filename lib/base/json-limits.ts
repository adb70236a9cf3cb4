// Limits on the shape of a JSON body, checked before anything recursive
// (validation, hashing, storage) touches it, so a malformed body is a 400
// naming the place, never a stack overflow or a database error (a 500).
import type { IssueDetail } from "@/lib/base/json-path";
import { formatPath } from "@/lib/base/json-path";

/** Deepest allowed nesting of objects and arrays; real envelopes use under ten. */
export const MAX_JSON_DEPTH = 64;
/** Most items in one array: a longer list belongs in an artifact (a link). */
export const MAX_ARRAY_ITEMS = 10_000;
/** Most values (objects, arrays, strings, numbers, ...) in one body. */
export const MAX_JSON_VALUES = 100_000;

/**
 * The nesting depth of JSON text, counted without parsing (brackets inside
 * strings do not count). Stops early once past `limit`.
 */
export function jsonTextDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** A UTF-16 code unit that is half of a surrogate pair without its other half. */
export function loneSurrogateIndex(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

function stringProblem(text: string, what: "key" | "text"): string | null {
  // Native checks first: nearly every string has neither problem.
  if (text.isWellFormed() && !text.includes("\u0000")) return null;
  const lone = loneSurrogateIndex(text);
  if (lone >= 0) {
    const unit = text.charCodeAt(lone).toString(16).toUpperCase();
    return `${what === "key" ? "key" : "text"} contains a lone surrogate \\u${unit} at position ${lone} (not valid Unicode)`;
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return `${what === "key" ? "key" : "text"} contains a NUL character (U+0000) at position ${nul}`;
  return null;
}

/**
 * Every value of a parsed body that cannot be stored, hashed or shown
 * faithfully: lone surrogates, NUL characters, numbers that are not exact
 * (non-finite, or integers past 2^53 that JSON.parse silently rounded), and
 * arrays or bodies with too many items, or nesting past MAX_JSON_DEPTH.
 * Also anything JSON cannot hold (undefined, a function, a bigint, a Date or
 * other class instance): JSON.parse never makes one, but a caller that builds
 * a body in code could, and with none of them here, what passes is JSON
 * (envelope.ts relies on that rather than walk every value again).
 */
export function jsonValueIssues(value: unknown, maxIssues = 20): IssueDetail[] {
  const issues: IssueDetail[] = [];
  let count = 0;
  // One path, pushed and popped as the walk goes: every intake body passes here, and a new
  // array per value was most of this walk's cost. Copied (formatted) only for an issue.
  const path: PropertyKey[] = [];
  const visit = (v: unknown): void => {
    if (issues.length >= maxIssues) return;
    count++;
    if (count === MAX_JSON_VALUES + 1) {
      issues.push({ path: "(body)", message: `has more than ${MAX_JSON_VALUES} values; send large data as an artifact (a link)` });
      return;
    }
    if (count > MAX_JSON_VALUES) return;
    if (typeof v === "string") {
      const problem = stringProblem(v, "text");
      if (problem) issues.push({ path: formatPath(path), message: problem });
    } else if (typeof v === "number") {
      if (!Number.isFinite(v)) issues.push({ path: formatPath(path), message: "is a number too large to represent" });
      else if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
        issues.push({ path: formatPath(path), message: "is an integer beyond 2^53, which cannot be kept exactly; send it as a string" });
      }
    } else if (v === null || typeof v === "boolean") {
      // JSON as it is.
    } else if (typeof v !== "object" || !isArrayOrPlainObject(v)) {
      issues.push({ path: formatPath(path), message: `is not a JSON value (${describeNonJson(v)})` });
    } else if (path.length >= MAX_JSON_DEPTH) {
      // Already bounded for a body read by readJson (lib/http/read-json.ts); this keeps callers that pass values directly safe.
      issues.push({ path: formatPath(path), message: `is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays` });
    } else if (Array.isArray(v)) {
      if (v.length > MAX_ARRAY_ITEMS) {
        issues.push({ path: formatPath(path), message: `has ${v.length} items; at most ${MAX_ARRAY_ITEMS} are allowed in one list` });
        return;
      }
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        visit(v[i]);
        path.pop();
      }
    } else {
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        path.push(key);
        const problem = stringProblem(key, "key");
        if (problem) issues.push({ path: formatPath(path), message: problem });
        else visit((v as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  visit(value);
  return issues;
}

function isArrayOrPlainObject(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describeNonJson(v: unknown): string {
  if (typeof v === "object" && v !== null) return `an instance of ${v.constructor?.name || "a class"}`;
  return typeof v === "undefined" ? "undefined" : `a ${typeof v}`;
}

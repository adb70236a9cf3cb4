// RFC 8785 (JSON Canonicalization Scheme) text and SHA-256 over it: the one way
// the product names a value by its content (proposal digests, receipt hashes,
// checkpoint payloads). `canonicalize` is the reference implementation's port;
// canonicalJson writes the same text with plain loops (the verifier
// canonicalizes two values per receipt, a million times over a long chain,
// and the reference's reduce-and-template walk was a large part of its time).
// Anything but plain JSON data (a toJSON method, a function, a bigint) is
// handed to the reference as it stands, so its output is the reference's
// everywhere; canonical-json.test.ts holds the two equal.
import { hash } from "node:crypto";
import canonicalize from "canonicalize";
import { canonicalJsonText } from "@/lib/base/canonical-json-text";
import { JsonTooDeepError, MAX_CANONICAL_DEPTH } from "@/lib/base/json-depth";

/** Throws JsonTooDeepError for a value nested deeper than MAX_CANONICAL_DEPTH (json-depth.ts). */
export function canonicalJson(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    if (value instanceof JsonText) return canonicalJsonText(value.text) ?? canonicalJson(JSON.parse(value.text));
    const known = frozenTexts.get(value);
    if (known !== undefined) return known;
  }
  const text = isPlain(value) ? serialize(value) : canonicalize(value);
  if (text === undefined) throw new Error("value cannot be canonicalized to JSON");
  return text;
}

/**
 * A JSON value still in its stored text. canonicalJson reads the text itself
 * (canonical-json-text.ts) and parses it only where that cannot: the verifier
 * hands every stored payload over this way, so a million of them are hashed
 * without being built as objects. Anything else that serializes it (JSON.stringify,
 * a test's toEqual after that) sees the parsed value.
 */
export class JsonText {
  constructor(readonly text: string) {}
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

// Values parsed by parseFrozenJson: deeply frozen, so their canonical text, taken once, stays true.
const frozenTexts = new WeakMap<object, string>();

/**
 * Parses JSON text into a deeply frozen value and remembers its canonical
 * text, so canonicalJson of that very object costs a lookup. For values met
 * many times over (a receipt's actor, the same person on thousands of
 * receipts); frozen, so no one can change the value behind the remembered text.
 */
export function parseFrozenJson(text: string): unknown {
  const parsed = JSON.parse(text) as unknown;
  // Canonicalized before freezing: its depth bound is what keeps deepFreeze's recursion safe.
  const canonical = canonicalJson(parsed);
  const value = deepFreeze(parsed);
  if (typeof value === "object" && value !== null) frozenTexts.set(value, canonical);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** JSON data the loops below write themselves: null, a string, number or boolean, an array, an object without toJSON. */
function isPlain(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === "string" || type === "number" || type === "boolean" || (type === "object" && typeof (value as { toJSON?: unknown }).toJSON !== "function");
}

function serialize(value: unknown, depth = 0): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new Error(Number.isNaN(value) ? "NaN is not allowed" : "Infinity is not allowed");
      // ECMAScript's Number-to-String is RFC 8785's number format (and -0 gives "0").
      return JSON.stringify(value);
    case "object":
      if (depth >= MAX_CANONICAL_DEPTH) throw new JsonTooDeepError();
      if (Array.isArray(value)) return serializeArray(value, depth + 1);
      if (typeof (value as { toJSON?: unknown }).toJSON !== "function") return serializeObject(value as Record<string, unknown>, depth + 1);
  }
  return reference(value);
}

function serializeArray(array: unknown[], depth: number): string {
  let text = "[";
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    if (i > 0) text += ",";
    text += item === undefined || typeof item === "symbol" ? "null" : serialize(item, depth);
  }
  return text + "]";
}

function serializeObject(object: Record<string, unknown>, depth: number): string {
  // Keys sorted by UTF-16 code units, as RFC 8785 asks (Array.prototype.sort's default order).
  const keys = Object.keys(object).sort();
  let text = "{";
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined || typeof item === "symbol") continue;
    text += `${first ? "" : ","}${JSON.stringify(key)}:${serialize(item, depth)}`;
    first = false;
  }
  return text + "}";
}

/** The reference's text for a value the loops above do not write themselves (as its template would print it). */
function reference(value: unknown): string {
  return `${canonicalize(value)}`;
}

// The one-shot form: no Hash object per call (the verifier hashes every receipt; measured, building
// and finishing a Hash object was about half of its hashing time).
export function sha256Hex(text: string): string {
  return hash("sha256", text, "hex");
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function digestOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

// RFC 8785 (JSON Canonicalization Scheme) text and SHA-256 over it: the one way
// the product names a value by its content (proposal digests, receipt hashes,
// checkpoint payloads). `canonicalize` is the reference implementation's port.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error("value cannot be canonicalized to JSON");
  return text;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function digestOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

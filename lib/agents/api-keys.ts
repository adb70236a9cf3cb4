// API keys: 256 random bits, shown once, stored as SHA-256. A fast hash is
// right here (unlike passwords): the secret has full entropy, and intake must
// find the key by an indexed lookup on every request.
import { createHash, randomBytes } from "node:crypto";

const KEY_PREFIX = "cs_";
const VISIBLE_CHARS = 11; // "cs_" + 8 characters: enough to tell keys apart, useless to an attacker

export type NewApiKey = { key: string; prefix: string; hash: string };

export function generateApiKey(): NewApiKey {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, VISIBLE_CHARS), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Extracts the key from an `Authorization: Bearer <key>` header, or null. */
export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

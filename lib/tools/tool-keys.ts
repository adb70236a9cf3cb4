// Tool keys: made and kept like agent keys (256 random bits, SHA-256 stored),
// but starting "cst_" where agent keys start "cs_", so a key pasted into the
// wrong place is recognised for what it is before any lookup.
import { randomBytes } from "node:crypto";
import { hashApiKey } from "@/lib/agents/api-keys";

export const TOOL_KEY_PREFIX = "cst_";
const VISIBLE_CHARS = 12; // "cst_" + 8 characters, like an agent key's visible part

export type NewToolKey = { key: string; prefix: string; hash: string };

export function generateToolKey(): NewToolKey {
  const key = `${TOOL_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, VISIBLE_CHARS), hash: hashApiKey(key) };
}

export function looksLikeToolKey(key: string): boolean {
  return key.startsWith(TOOL_KEY_PREFIX);
}

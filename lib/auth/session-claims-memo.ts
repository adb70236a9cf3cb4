// The claims of a session cookie, remembered for a few seconds per cookie
// value. next-auth decodes the cookie afresh on every request: two key
// derivations (HKDF), an AES-GCM decryption, and the re-encryption of the
// rolling cookie (which a page cannot set anyway). A cookie's value is an
// encrypted, immutable token, so the same value always decodes to the same
// claims; what can change is only whether they still hold, and that is
// checked elsewhere on every request, never here: current-user.ts reads the
// user row each time (disabled, demoted, password changed, signed out
// everywhere: the session version no longer matches). The token's own expiry
// is kept: an entry never outlives it. Nothing but successful decodes is
// remembered, so a tampered or expired cookie is decoded (and refused) each time.

/** How long a decoded cookie is remembered. */
export const SESSION_MEMO_MS = 30_000;
/** At most this many cookies remembered (one per signed-in browser): the oldest go first. */
const MAX_ENTRIES = 1000;

type Entry<T> = { claims: T; until: number };

export function sessionClaimsMemo<T extends object>(now: () => number = Date.now) {
  const entries = new Map<string, Entry<T>>();
  return {
    /** The claims remembered for this cookie value, or the decode's answer (remembered when it is a session). */
    async read(cookie: string | null, decode: () => Promise<T | null>): Promise<T | null> {
      if (!cookie) return decode();
      const hit = entries.get(cookie);
      const at = now();
      if (hit && hit.until > at) return hit.claims;
      if (hit) entries.delete(cookie);
      const claims = await decode();
      if (claims) {
        // Never past the token's own expiry (seconds since the epoch, as in the JWT).
        const expires = (claims as { tokenExpiresAt?: unknown }).tokenExpiresAt;
        const until = Math.min(at + SESSION_MEMO_MS, typeof expires === "number" ? expires * 1000 : at + SESSION_MEMO_MS);
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(cookie, { claims, until });
      }
      return claims;
    },
    size: () => entries.size,
  };
}

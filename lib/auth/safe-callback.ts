// Where to send someone after sign-in: a path on this site, never another
// origin. Browsers read "/\evil.example", "//evil.example" and their
// percent-encoded or tab-broken variants as "go to evil.example", so a value
// is accepted only if it is a plain absolute path that resolves to this origin
// and stays a path after decoding. No `server-only`: the login form uses it too.

export const DEFAULT_CALLBACK = "/queue";

/** A same-origin path ("/queue?x=1#y") for `value`, or null when it is not one. */
export function sameOriginPath(value: string | null | undefined, origin: string): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return null;
  let candidate = value;
  // An absolute URL on our own origin (what next-auth passes around) becomes its path.
  if (!candidate.startsWith("/")) {
    let parsed: URL;
    try {
      parsed = new URL(candidate);
    } catch {
      return null;
    }
    if (parsed.origin !== origin) return null;
    candidate = parsed.pathname + parsed.search + parsed.hash;
  }
  if (!isPlainPath(candidate)) return null;
  // Decoded once or twice, it must still be a plain path (catches /%5Cevil.example, /%2F%2Fevil.example, %252F...).
  let decoded = candidate;
  for (let i = 0; i < 2; i++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      return null;
    }
    if (!isPlainStart(decoded)) return null;
  }
  // Last word from the URL parser itself: resolved against our origin, it must stay on it.
  let resolved: URL;
  try {
    resolved = new URL(candidate, origin);
  } catch {
    return null;
  }
  if (resolved.origin !== new URL(origin).origin) return null;
  return resolved.pathname + resolved.search + resolved.hash;
}

/** Decoded: the path part (before ? or #) holds no backslash, and with control characters and spaces dropped it starts with exactly one slash. */
function isPlainStart(decoded: string): boolean {
  const path = decoded.split(/[?#]/, 1)[0]!;
  const squeezed = path.replace(/[\u0000-\u001f\u007f\s]/g, "");
  return squeezed.startsWith("/") && !squeezed.startsWith("//") && !path.includes("\\");
}

/** A path that starts with exactly one slash, with no backslash and no control or whitespace characters. */
function isPlainPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !/[\\\u0000-\u001f\u007f\s]/.test(path);
}

export function safeCallback(value: string | null | undefined, origin: string): string {
  return sameOriginPath(value, origin) ?? DEFAULT_CALLBACK;
}

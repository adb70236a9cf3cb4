// The email a password sign-in names, as the throttle counts it and the
// account is looked up by: trimmed and lower-cased. Every attempt is written
// (email, address, time) before anything else, by anyone, signed in or not,
// so an email no account can have is refused before that: one longer than an
// address can be (RFC 5321: 320 characters with its local part; it also kept
// a megabyte "email" out of the attempts table and the security log, and out
// of PostgreSQL's index on it, whose rows hold at most 2,704 bytes), or one
// holding U+0000, which PostgreSQL refuses in any statement.
export const MAX_SIGN_IN_EMAIL_LENGTH = 320;

/** The normalised email, or null when no account can have it (the attempt is then refused without a trace). */
export function signInEmail(raw: unknown): string | null {
  const email = String(raw ?? "").trim().toLowerCase();
  if (!email || email.length > MAX_SIGN_IN_EMAIL_LENGTH || email.includes("\u0000")) return null;
  return email;
}

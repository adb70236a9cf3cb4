// Text the server writes to its own logs (the security log, a delivery's last
// error) often quotes what someone else sent: a path id, a token's unverified
// claims, a webhook receiver's answer. A NUL character (PostgreSQL cannot store
// U+0000 in text) or a lone surrogate (Prisma cannot encode it) made such an
// insert fail, and with it the log entry or the delivery's bookkeeping. Such
// characters are written as U+FFFD instead: the entry is kept, readable, and the
// same on both databases. Cut first, then replace: a cut may split a pair.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text`, at most `max` UTF-16 units, with U+0000 and lone surrogates as U+FFFD. */
export function storableText(text: string, max: number): string {
  return text.slice(0, max).replace(UNSTORABLE, "\ufffd");
}

export function storableTextOrNull(text: string | null | undefined, max: number): string | null {
  return text === null || text === undefined ? null : storableText(text, max);
}

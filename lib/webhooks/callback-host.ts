// Registration resolves a callback's host name. The syntax check
// (callback-url.ts) can only refuse literal addresses and internal-looking
// names; a public-looking name that resolves to 127.0.0.1 or 169.254.169.254
// would be accepted and then refused at every delivery, which the person
// registering never sees. So every place that accepts a webhook URL (the
// agent API, the command line, a queue's chat webhook) resolves the name once
// here and refuses it when ANY address is private, by the same rule as
// delivery (private-address.ts). Delivery still checks again at every send:
// what a name resolves to can change after registration (DNS rebinding).
// With WEBHOOK_ALLOW_PRIVATE_URLS set (local development, tests) nothing is
// resolved, as delivery does not check either.
import { isIP } from "node:net";
import { env } from "@/lib/env";
import { checkCallbackUrl, privateTargetMessage } from "@/lib/webhooks/callback-url";
import { lookupAll, type LookupAll } from "@/lib/webhooks/guarded-dispatcher";
import { firstPrivateAddress, privateHostKind } from "@/lib/webhooks/private-address";

/** Long enough for a cold lookup, short enough that a request waiting on it is not held. */
export const REGISTRATION_LOOKUP_TIMEOUT_MS = 3_000;

export type CallbackHostOptions = {
  /** Skip the check (default: WEBHOOK_ALLOW_PRIVATE_URLS). */
  allowPrivate?: boolean;
  /** Resolves a host name to every address (default: node:dns/promises lookup); tests pass fakes. */
  lookup?: LookupAll;
  timeoutMs?: number;
};

const TIMED_OUT = Symbol("timed out");

/** What the lookup answered, or TIMED_OUT. getaddrinfo cannot be cancelled: a late answer is ignored. */
async function lookupWithin(lookup: LookupAll, hostname: string, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([lookup(hostname), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Null when Countersign may send to this (already syntax-checked) URL's host
 * now; otherwise what is wrong, phrased to follow the field's name
 * ("url must ..."). A name that does not resolve, or not in time, is refused
 * too: nothing could be delivered to it, and a check that could not look
 * must not let the name through.
 */
export async function checkCallbackHost(url: string, options: CallbackHostOptions = {}): Promise<string | null> {
  if (options.allowPrivate ?? env().WEBHOOK_ALLOW_PRIVATE_URLS) return null;
  const hostname = new URL(url).hostname;
  const byName = privateHostKind(hostname);
  if (byName) return privateTargetMessage(hostname, byName);
  // A literal public address: nothing to resolve.
  if (isIP(hostname.replace(/^\[(.*)\]$/, "$1"))) return null;
  const timeoutMs = options.timeoutMs ?? REGISTRATION_LOOKUP_TIMEOUT_MS;
  let found: { address: string }[] | typeof TIMED_OUT;
  try {
    found = await lookupWithin(options.lookup ?? lookupAll, hostname, timeoutMs);
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    if (code === "ENOTFOUND" || code === "ENODATA") return `must name a host that resolves, but ${hostname} does not resolve (${code}); check the name`;
    return `must name a host that resolves, but ${hostname} could not be resolved (${code}); try again later`;
  }
  if (found === TIMED_OUT) return `must name a host that resolves, but looking up ${hostname} took longer than ${timeoutMs / 1000} s; try again later`;
  if (found.length === 0) return `must name a host that resolves, but ${hostname} has no addresses; check the name`;
  const refused = firstPrivateAddress(found);
  return refused ? privateTargetMessage(hostname, refused.kind, refused.address) : null;
}

/** checkCallbackUrl, then checkCallbackHost: what a registration outside the agent API calls. */
export async function checkRegisteredCallbackUrl(input: unknown, options: CallbackHostOptions = {}): Promise<{ ok: true; url: string } | { ok: false; message: string }> {
  const checked = checkCallbackUrl(input, { allowPrivate: options.allowPrivate });
  if (!checked.ok) return checked;
  const problem = await checkCallbackHost(checked.url, options);
  return problem ? { ok: false, message: problem } : checked;
}

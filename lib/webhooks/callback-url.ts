// What an agent may register as its webhook callback: an absolute http(s) URL
// without credentials in it (they would be stored and shown in the admin log).
// Anything else is refused at registration, never discovered at delivery.
// Nor may it point into the server's own network (loopback, private,
// link-local/cloud metadata, internal host names: lib/webhooks/private-address.ts)
// unless WEBHOOK_ALLOW_PRIVATE_URLS is set; a public name is resolved and
// checked again at every delivery (lib/webhooks/deliver.ts).
import { env } from "@/lib/env";
import { privateHostKind } from "@/lib/webhooks/private-address";

export const MAX_CALLBACK_URL_LENGTH = 2000;

export type CallbackUrlOptions = {
  /** Accept loopback, private and internal targets (default: WEBHOOK_ALLOW_PRIVATE_URLS). */
  allowPrivate?: boolean;
};

/** Returns the normalised URL, or what is wrong with it, phrased to follow the field's name ("url must ..."). */
export function checkCallbackUrl(input: unknown, options: CallbackUrlOptions = {}): { ok: true; url: string } | { ok: false; message: string } {
  const example = "e.g. https://agent.example/hooks/countersign";
  if (typeof input !== "string" || input.trim() === "") return { ok: false, message: `must be an absolute http(s) URL, ${example}` };
  const raw = input.trim();
  if (raw.length > MAX_CALLBACK_URL_LENGTH) return { ok: false, message: `must be at most ${MAX_CALLBACK_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `must be an absolute URL, ${example}` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, message: `must use http or https, not ${url.protocol.replace(/:$/, "")}` };
  }
  if (url.username || url.password) {
    return { ok: false, message: "must not contain credentials; verify the Countersign-Signature header instead" };
  }
  if (url.hash) return { ok: false, message: "must not contain a #fragment" };
  const allowPrivate = options.allowPrivate ?? env().WEBHOOK_ALLOW_PRIVATE_URLS;
  const kind = allowPrivate ? null : privateHostKind(url.hostname);
  if (kind) return { ok: false, message: privateTargetMessage(url.hostname, kind) };
  return { ok: true, url: url.toString() };
}

/**
 * "must ..." to follow the field's name: at registration "url must ...", at
 * delivery "the callback URL must ...". `resolvedTo`: the address a host name
 * resolved to, when that (not the name) is what is refused.
 */
export function privateTargetMessage(host: string, kind: string, resolvedTo?: string): string {
  const what = /^(an? |not )/.test(kind) ? kind : `${/^(unspecified|[aeio])/.test(kind) ? "an" : "a"} ${kind} address`;
  const why = resolvedTo ? `${host} resolves to ${resolvedTo}, ${what}` : `${host} is ${what}`;
  return `must be reachable on the public internet, but ${why}; Countersign does not send webhooks into its own network (set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow this for local development)`;
}

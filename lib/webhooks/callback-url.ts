// What an agent may register as its webhook callback: an absolute http(s) URL
// without credentials in it (they would be stored and shown in the admin log).
// Anything else is refused at registration, never discovered at delivery.
export const MAX_CALLBACK_URL_LENGTH = 2000;

/** Returns the normalised URL, or what is wrong with it, phrased to follow the field's name ("url must ..."). */
export function checkCallbackUrl(input: unknown): { ok: true; url: string } | { ok: false; message: string } {
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
  return { ok: true, url: url.toString() };
}

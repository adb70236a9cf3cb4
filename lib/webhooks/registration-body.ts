// The body of PUT /api/v1/webhook: {"url": "https://..."} and nothing else.
// Errors take the shape of the other small-body calls (400 invalid_body with
// an issue per problem, 413, 415), via the shared reader. The schema checks
// the URL's form; the host name is then resolved (callback-host.ts), so a
// name that points into the server's network is refused now, not at delivery.
import { z } from "zod";
import { invalidBodyError, readJsonInput } from "@/lib/http/read-json-input";
import { checkCallbackHost, type CallbackHostOptions } from "@/lib/webhooks/callback-host";
import { checkCallbackUrl } from "@/lib/webhooks/callback-url";

const MAX_BYTES = 16 * 1024;

export const registrationBodySchema = z.strictObject({
  url: z.string().transform((value, ctx) => {
    const checked = checkCallbackUrl(value);
    if (checked.ok) return checked.url;
    ctx.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  }),
});

/** The checked callback URL from the request body. `options`: the resolver, for tests. */
export async function readRegistrationUrl(request: Request, options: CallbackHostOptions = {}): Promise<string> {
  const { url } = await readJsonInput(request, registrationBodySchema, MAX_BYTES);
  const problem = await checkCallbackHost(url, options);
  if (problem) throw invalidBodyError([{ path: "url", message: problem }]);
  return url;
}

// The body of PUT /api/v1/webhook: {"url": "https://..."} and nothing else.
// Errors take the shape of the other small-body calls (400 invalid_body with
// an issue per problem, 413, 415), via the shared reader.
import { z } from "zod";
import { readJsonInput } from "@/lib/http/read-json-input";
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

/** The checked callback URL from the request body. */
export async function readRegistrationUrl(request: Request): Promise<string> {
  return (await readJsonInput(request, registrationBodySchema, MAX_BYTES)).url;
}

// Example of a downstream tool guarded by Countersign (docs/approval-tokens.md):
// it refuses, with 403 and a readable reason, any payment release that does
// not carry a valid approval token for exactly this action.
//
// Demo code, not part of the product: served only when EXAMPLES=true (the
// quick start and the end-to-end server set it); otherwise it is not there.
// Next.js serves it through app/api/examples/release-payment/route.ts, a
// one-line re-export, because route handlers must live under app/.
import { env } from "@/lib/env";
import { apiHandler, json } from "@/lib/http/respond";
import { readJsonInput } from "@/lib/http/read-json-input";
import { approvalTokenFrom, releasePayment, releasePaymentBody } from "./release-payment";

export const POST = apiHandler(async (request: Request) => {
  // Answered like any unknown path, and not a security event: nothing was refused, there is nothing here.
  if (!env().EXAMPLES) return json({ error: { code: "not_found", message: "No such endpoint. (The example payment tool is served only when EXAMPLES=true.)" } }, 404);
  const body = await readJsonInput(request, releasePaymentBody, 16 * 1024);
  const outcome = await releasePayment(approvalTokenFrom(request.headers), body);
  return json(outcome.body, outcome.status);
});

// Example of a downstream tool guarded by Countersign (README, "Approval
// tokens"): it refuses, with 403 and a readable reason, any payment release
// that does not carry a valid approval token for exactly this action.
import { apiHandler, json } from "@/lib/http/respond";
import { readJsonInput } from "@/lib/http/read-json-input";
import { approvalTokenFrom, releasePayment, releasePaymentBody } from "@/lib/examples/release-payment";

export const POST = apiHandler(async (request: Request) => {
  const body = await readJsonInput(request, releasePaymentBody, 16 * 1024);
  const outcome = await releasePayment(approvalTokenFrom(request.headers), body);
  return json(outcome.body, outcome.status);
});

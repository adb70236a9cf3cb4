// The online check of an approval token (docs/approval-tokens.md). Only a
// registered tool may call it, with its own key: a valid answer spends the
// APPROVAL (every other token of the proposal is refused as replayed from then
// on, and the approval can no longer be revoked), so the agent that asked for
// the action must not be able to spend it. No key or an unknown/revoked tool
// key: 401; an agent key: 403. Refusals go to the security log.
import { decodeJwt } from "jose";
import { addressKey, takeRateLimit } from "@/lib/http/agent-rate-limits";
import { apiHandler, json } from "@/lib/http/respond";
import { readJsonInput } from "@/lib/http/read-json-input";
import { redeemApprovalToken } from "@/lib/approvals/redeem-approval-token";
import { VERIFY_BODY_MAX_BYTES, verifyRequestBodySchema } from "@/lib/approvals/verify-request-body";
import { authenticateTool } from "@/lib/tools/authenticate-tool";
import { recordRefusal } from "@/lib/security/record-refusal";
import { clientIp } from "@/lib/security/client-ip";

export const POST = apiHandler(async (request: Request) => {
  takeRateLimit("token_verify", addressKey(request));
  const tool = await authenticateTool(request);
  const body = await readJsonInput(request, verifyRequestBodySchema, VERIFY_BODY_MAX_BYTES);
  const result = await redeemApprovalToken({ token: body.token, digest: body.digest, tool });
  if (result.valid) return json({ valid: true, claims: result.claims, redeemed_by: tool.name });
  await recordRefusal({
    actor: { type: "tool", id: tool.id, name: tool.name },
    action: "POST /api/v1/approval-tokens/verify",
    target: proposalIdOf(body.token),
    code: result.code,
    rule: "approval_token",
    message: result.message,
    ip: clientIp(request.headers),
  });
  // 409 for a spent approval (the state conflicts), 403 for every other refusal.
  return json({ valid: false, error: { code: result.code, message: result.message } }, result.code === "replayed" ? 409 : 403);
});

function proposalIdOf(token: string): string | null {
  try {
    const id = decodeJwt(token).proposal_id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}

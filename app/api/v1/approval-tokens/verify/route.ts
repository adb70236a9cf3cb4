// The online check of an approval token (see README, "Approval tokens").
// Anyone holding a token may call it: the token is the credential, exactly as
// for the offline check, and a valid answer spends the APPROVAL (every other
// token of the proposal is refused as replayed from then on). Refusals go to
// the security log.
import { z } from "zod";
import { decodeJwt } from "jose";
import { addressKey, takeRateLimit } from "@/lib/http/agent-rate-limits";
import { apiHandler, json } from "@/lib/http/respond";
import { readJsonInput } from "@/lib/http/read-json-input";
import { redeemApprovalToken } from "@/lib/approvals/redeem-approval-token";
import { recordRefusal } from "@/lib/security/record-refusal";
import { clientIp } from "@/lib/security/client-ip";

const verifyBody = z.strictObject({
  token: z.string().min(1).max(8192),
  digest: z.string().min(1).max(200).optional(),
  /** Who is spending the token, for the record (e.g. "erp-payments"). */
  tool: z.string().trim().min(1).max(100).optional(),
});

export const POST = apiHandler(async (request: Request) => {
  takeRateLimit("token_verify", addressKey(request));
  const body = await readJsonInput(request, verifyBody, 16 * 1024);
  const result = await redeemApprovalToken({ token: body.token, digest: body.digest, usedBy: body.tool });
  if (result.valid) return json({ valid: true, claims: result.claims });
  await recordRefusal({
    actor: { type: "anonymous" },
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

import "server-only";
// An example downstream tool: "release a payment", which refuses to act
// without a valid Countersign approval token for exactly this action. It checks
// the token OFFLINE, as a separate system would: only the public keys (here
// read in-process; a real tool passes `${COUNTERSIGN_URL}/.well-known/jwks.json`
// as `jwks`) and its own replay set, never Countersign's database.
import { z } from "zod";
import { env } from "@/lib/env";
import { publicJwks } from "@/lib/signing/signing-key";
import { verifyApprovalToken } from "@/lib/approvals/verify-approval-token";
import { ReplayCache } from "@/lib/approvals/replay-cache";
import { bearerToken } from "@/lib/agents/api-keys";

export const releasePaymentBody = z.strictObject({
  payment_id: z.string().min(1).max(200),
  /** The digest of the approved proposal this payment carries out (the agent has it as approved_digest). */
  digest: z.string().min(1).max(200),
});
export type ReleasePaymentBody = z.infer<typeof releasePaymentBody>;

/** The scope the approval must cover for this tool to act. */
export const RELEASE_PAYMENT_SCOPE = "ap:commit";

export type ReleaseOutcome =
  | { ok: true; status: 200; body: { released: true; payment_id: string; proposal_id: string; approved_by: string[]; token_id: string } }
  | { ok: false; status: 403; body: { error: { code: string; message: string } } };

// One replay set per process (kept across hot reloads in development).
const globalForExample = globalThis as unknown as { releasePaymentReplays?: ReplayCache };
const replays = (globalForExample.releasePaymentReplays ??= new ReplayCache());

/** The token from `Countersign-Approval: <token>` or `Authorization: Bearer <token>`. */
export function approvalTokenFrom(headers: Headers): string | null {
  return headers.get("countersign-approval")?.trim() || bearerToken(headers.get("authorization")) || null;
}

export async function releasePayment(token: string | null, body: ReleasePaymentBody, now = new Date()): Promise<ReleaseOutcome> {
  if (!token) {
    return refuse("approval_required", "Releasing a payment is a commit: send a Countersign approval token as `Countersign-Approval: <token>` (the agent gets it from GET /api/v1/proposals/{id} once approved).");
  }
  const result = await verifyApprovalToken(token, {
    jwks: await publicJwks(),
    issuer: env().PUBLIC_URL,
    expected: { digest: body.digest, scopes: [RELEASE_PAYMENT_SCOPE] },
    now,
    seenJti: replays.checkAndAdd,
  });
  if (!result.ok) return refuse(result.code, `Payment ${body.payment_id} not released: ${result.message}`);
  // A real tool would release the payment here, recording the token id with it.
  return {
    ok: true,
    status: 200,
    body: {
      released: true,
      payment_id: body.payment_id,
      proposal_id: result.claims.proposal_id,
      approved_by: result.claims.deciders.map((d) => d.email),
      token_id: result.claims.jti,
    },
  };
}

function refuse(code: string, message: string): ReleaseOutcome {
  return { ok: false, status: 403, body: { error: { code, message } } };
}

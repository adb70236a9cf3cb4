import "server-only";
// An example downstream tool: "release a payment", which refuses to act
// without a valid Countersign approval token for exactly this action. It checks
// the token OFFLINE, as a separate system would: only the public keys (here
// read in-process; a real tool passes `${COUNTERSIGN_URL}/.well-known/jwks.json`
// as `jwks`) and its own replay set, never Countersign's database.
//
// What it checks comes from the action it performs, never from the caller:
// the token's signed `actions` must include an ap.release_payment step for
// THIS payment_id (as approved, after any approver edit), and its replay set
// is keyed by proposal, so one approval releases one payment once, however
// many tokens the agent fetched for it.
import { z } from "zod";
import { env } from "@/lib/env";
import { publicJwks } from "@/lib/signing/signing-key";
import { verifyApprovalToken } from "@/lib/approvals/verify-approval-token";
import { ReplayCache } from "@/lib/approvals/replay-cache";
import { bearerToken } from "@/lib/agents/api-keys";

export const releasePaymentBody = z.strictObject({
  payment_id: z.string().min(1).max(200),
  /**
   * Optional cross-check: when given, it must ALSO equal the token's approved
   * digest. It never authorizes anything by itself (the caller chooses it);
   * the payment is bound by the token's signed actions.
   */
  digest: z.string().min(1).max(200).optional(),
});
export type ReleasePaymentBody = z.infer<typeof releasePaymentBody>;

/** The scope the approval must cover for this tool to act. */
export const RELEASE_PAYMENT_SCOPE = "ap:commit";
/** The plan step's tool this tool carries out. */
export const RELEASE_PAYMENT_TOOL = "ap.release_payment";

export type ReleaseOutcome =
  | { ok: true; status: 200; body: { released: true; payment_id: string; proposal_id: string; approved_by: string[]; token_id: string } }
  | { ok: false; status: 403; body: { error: { code: string; message: string } } };

// One replay set per process (kept across hot reloads in development), of proposal ids.
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
    expected: { action: { tool: RELEASE_PAYMENT_TOOL, args: { payment_id: body.payment_id } }, digest: body.digest, scopes: [RELEASE_PAYMENT_SCOPE] },
    now,
    seenApproval: (claims) => replays.checkAndAdd(claims.proposal_id),
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

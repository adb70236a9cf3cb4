// What an approval token says (copied from the server, lib/approvals/approval-token-format.ts).

/** The `aud` of every approval token: tools verifying one must ask for exactly this audience. */
export const APPROVAL_TOKEN_AUDIENCE = "countersign:tool";
/** The JWS `typ` header, so another JWS signed with the same key (a chain checkpoint) is never taken for an approval. */
export const APPROVAL_TOKEN_TYPE = "countersign-approval+jwt";
/** The only signature algorithm accepted (Ed25519). Anything else, `none` included, is refused. */
export const APPROVAL_TOKEN_ALGORITHM = "EdDSA";

export type ApprovalTokenPerson = { id: string; email: string; name: string };

/**
 * One commit-tier step of the approved plan, exactly as approved (an
 * approver's edited arguments, when edited). A tool checks the action it is
 * about to perform against these, so a token for one payment cannot release
 * another: what the token approves is signed into it, not taken from the caller.
 */
export type ApprovalTokenAction = { tool: string; scope: string; args: Record<string, unknown> };

/** The claims of an approval token (JWT registered claims plus Countersign's own). */
export type ApprovalTokenClaims = {
  /** The Countersign server that issued it (its PUBLIC_URL). */
  iss: string;
  aud: string;
  /** The proposal id, again as `proposal_id`. */
  sub: string;
  /**
   * Unique token id. Single use is per APPROVED PROPOSAL, not per token: the
   * agent may hold several tokens for one approval, and once any of them is
   * redeemed online the others are refused (and no new one is issued).
   */
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
  proposal_id: string;
  /** The APPROVED digest: the digest of the plan version that was approved (an approver's edit has its own). */
  digest: string;
  /** The approved scopes: those of the steps of the approved plan (an edit that dropped a step drops its scope). */
  scopes: string[];
  /** The approved plan's commit-tier steps (tool, scope, args), in plan order; empty when it has none. */
  actions: ApprovalTokenAction[];
  /** The people whose approvals count (empty when a policy approved a read or draft proposal). */
  deciders: ApprovalTokenPerson[];
  /** The agent the approval was given to. */
  agent: { id: string; name: string };
  /** The queue's slug. */
  queue: string;
};

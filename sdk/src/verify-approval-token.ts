// Offline verification of a Countersign approval token, for downstream tools:
// only the server's public keys are needed (the JWKS at
// `<server>/.well-known/jwks.json`, as a URL or the JSON itself).
//
// The same checks as the server's own verifier (lib/approvals/verify-approval-token.ts,
// copied because the SDK must not depend on server code; keep the two in step):
// EdDSA only (`alg: none` refused before any key is looked up), audience,
// `typ`, issuer when given, exp/nbf, key id, signature, the claims' shape, the
// proposal, the digest byte for byte, the action among the approved commit
// steps, the scopes, and replays via `seenApproval` / `seenJti`.
// Revocation is only visible online: POST /api/v1/approval-tokens/verify.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import {
  APPROVAL_TOKEN_ALGORITHM,
  APPROVAL_TOKEN_AUDIENCE,
  APPROVAL_TOKEN_TYPE,
  type ApprovalTokenAction,
  type ApprovalTokenClaims,
} from "./approval-token-format.js";

export type ApprovalTokenErrorCode =
  | "malformed"
  | "unsupported_algorithm"
  | "unknown_key"
  | "bad_signature"
  | "keys_unavailable"
  | "wrong_type"
  | "wrong_audience"
  | "wrong_issuer"
  | "expired"
  | "not_yet_valid"
  | "missing_claims"
  | "proposal_mismatch"
  | "digest_mismatch"
  | "action_not_approved"
  | "scope_not_approved"
  | "replayed";

export type ApprovalTokenResult =
  | { ok: true; claims: ApprovalTokenClaims }
  | { ok: false; code: ApprovalTokenErrorCode; message: string };

export type VerifyApprovalTokenOptions = {
  /** The issuer's public keys: the JWKS JSON, its URL, or a jose key resolver. */
  jwks: JSONWebKeySet | URL | string | JWTVerifyGetKey;
  /** Defaults to APPROVAL_TOKEN_AUDIENCE ("countersign:tool"). */
  audience?: string;
  /** The Countersign server's PUBLIC_URL; checked when given (recommended). */
  issuer?: string;
  /**
   * What the tool is about to do. At least one of `digest` (the approved
   * digest, when the tool can recompute it) and `action` (the step it is about
   * to perform) is required, so a token is never accepted for "anything";
   * optionally the proposal and the scopes it needs.
   */
  expected: ExpectedAction;
  /** The clock to check exp and nbf against (tests, replays of logs). */
  now?: Date;
  /** Seconds of clock skew tolerated on exp and nbf; default 5. */
  clockToleranceSeconds?: number;
  /**
   * Replay protection, per approval: called last, only when every other check
   * passed. Return true if this approval (claims.proposal_id) was acted on
   * before (refused as `replayed`); a tool usually records it in the same call.
   * Prefer this to seenJti: the agent can fetch a fresh token (new jti) for
   * the same approval, so a set of token ids alone lets one approval run twice.
   */
  seenApproval?: (claims: ApprovalTokenClaims) => boolean | Promise<boolean>;
  /** Replay protection per token id only (weaker than seenApproval, see there); called after seenApproval. */
  seenJti?: (jti: string) => boolean | Promise<boolean>;
};

/** The step a tool is about to perform: `args` must each equal the approved step's (the step may carry more). */
export type ExpectedStep = { tool: string; args?: Record<string, unknown> };

export type ExpectedAction =
  | { digest: string; action?: ExpectedStep; proposalId?: string; scopes?: string[] }
  | { digest?: string; action: ExpectedStep; proposalId?: string; scopes?: string[] };

type Checked = { ok: true; claims: ApprovalTokenClaims } | Extract<ApprovalTokenResult, { ok: false }>;

const fail = (code: ApprovalTokenErrorCode, message: string) => ({ ok: false as const, code, message });

/** Verifies a token fully against what the tool is about to execute. Never throws for a bad token. */
export async function verifyApprovalToken(token: string, options: VerifyApprovalTokenOptions): Promise<ApprovalTokenResult> {
  const checked = await verifyApprovalTokenSignature(token, options);
  if (!checked.ok) return checked;
  const { claims } = checked;
  const { expected } = options;
  if (expected.proposalId !== undefined && claims.proposal_id !== expected.proposalId) {
    return fail("proposal_mismatch", `This token approves proposal ${claims.proposal_id}, not ${expected.proposalId}.`);
  }
  if (expected.digest === undefined && expected.action === undefined) {
    // A programming error in the tool, refused rather than passed: a token checked against nothing approves anything.
    return fail("digest_mismatch", "The tool gave neither the digest nor the action it is about to execute, so the token cannot be matched to it.");
  }
  if (expected.digest !== undefined && claims.digest !== expected.digest) {
    return fail("digest_mismatch", `This token approves digest ${claims.digest}; the action to execute has digest ${String(expected.digest)}. Only the approved version may be executed.`);
  }
  const missing = (expected.scopes ?? []).filter((scope) => !claims.scopes.includes(scope));
  if (missing.length > 0) {
    return fail("scope_not_approved", `The approval does not cover ${missing.join(", ")}; it covers ${claims.scopes.join(", ") || "no scopes"}.`);
  }
  if (expected.action !== undefined && !claims.actions.some((step) => stepMatches(step, expected.action!))) {
    return fail("action_not_approved", describeActionMismatch(claims.actions, expected.action));
  }
  if (options.seenApproval && (await options.seenApproval(claims))) {
    return fail("replayed", `Proposal ${claims.proposal_id} was already acted on with an approval token; an approval is executed once.`);
  }
  if (options.seenJti && (await options.seenJti(claims.jti))) {
    return fail("replayed", "This approval token was already used; an approval is executed once.");
  }
  return { ok: true, claims };
}

/**
 * The signature, header and time checks and the claims' shape, without the
 * comparison against an expected action. Countersign's online check uses it and
 * then compares against its database.
 */
export async function verifyApprovalTokenSignature(
  token: string,
  options: Pick<VerifyApprovalTokenOptions, "jwks" | "audience" | "issuer" | "now" | "clockToleranceSeconds">,
): Promise<Checked> {
  if (typeof token !== "string" || token.split(".").length !== 3) {
    return fail("malformed", "The approval token is not a compact JWS (three base64url parts separated by dots).");
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return fail("malformed", "The approval token's header is not valid base64url JSON.");
  }
  // Checked before any key is looked up, so `alg: none` or an HMAC trick never reaches a verifier.
  if (header.alg !== APPROVAL_TOKEN_ALGORITHM) {
    return fail("unsupported_algorithm", `The approval token is signed with ${JSON.stringify(header.alg ?? null)}; only ${APPROVAL_TOKEN_ALGORITHM} (Ed25519) is accepted.`);
  }
  if (typeof header.kid !== "string" || header.kid === "") {
    return fail("unknown_key", "The approval token names no key id (kid), so it cannot be matched to a Countersign key.");
  }
  try {
    const { payload } = await jwtVerify(token, keyResolver(options.jwks), {
      algorithms: [APPROVAL_TOKEN_ALGORITHM],
      audience: options.audience ?? APPROVAL_TOKEN_AUDIENCE,
      ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
      typ: APPROVAL_TOKEN_TYPE,
      requiredClaims: ["iss", "sub", "jti", "iat", "nbf", "exp"],
      currentDate: options.now,
      clockTolerance: options.clockToleranceSeconds ?? 5,
    });
    const claims = readClaims(payload);
    if (!claims) return fail("missing_claims", "The approval token lacks Countersign's claims (proposal_id, digest, scopes, actions, deciders, agent, queue) or they have the wrong types.");
    return { ok: true, claims };
  } catch (error) {
    return describeJoseError(error, header.kid);
  }
}

// One remote key set per URL, so its cache (and cooldown) lasts across calls.
const remoteSets = new Map<string, JWTVerifyGetKey>();

function keyResolver(jwks: VerifyApprovalTokenOptions["jwks"]): JWTVerifyGetKey {
  if (typeof jwks === "function") return jwks;
  if (typeof jwks === "string" || jwks instanceof URL) {
    const url = String(jwks);
    let set = remoteSets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url));
      remoteSets.set(url, set);
    }
    return set;
  }
  return createLocalJWKSet(jwks);
}

function describeJoseError(error: unknown, kid: string) {
  if (error instanceof errors.JWTExpired) return fail("expired", "The approval token has expired; ask the agent to fetch a fresh one (they live a few minutes).");
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === "missing") return fail("missing_claims", `The approval token lacks the "${error.claim}" claim.`);
    if (error.claim === "aud") return fail("wrong_audience", `The approval token is not meant for tools (its audience is not the one expected).`);
    if (error.claim === "iss") return fail("wrong_issuer", "The approval token was issued by another server than the one expected.");
    if (error.claim === "typ") return fail("wrong_type", `The JWS is not an approval token (its typ header is not ${APPROVAL_TOKEN_TYPE}).`);
    if (error.claim === "nbf") return fail("not_yet_valid", "The approval token is not valid yet (check the clocks).");
    return fail("malformed", `The approval token's "${error.claim}" claim is not valid.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return fail("unsupported_algorithm", `Only ${APPROVAL_TOKEN_ALGORITHM} (Ed25519) is accepted.`);
  if (error instanceof errors.JWKSNoMatchingKey) return fail("unknown_key", `No Countersign key has the id ${JSON.stringify(kid)}; the token was signed by someone else or with a retired key.`);
  if (error instanceof errors.JWSSignatureVerificationFailed) return fail("bad_signature", "The approval token's signature does not match its contents.");
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return fail("keys_unavailable", "The Countersign public keys (JWKS) could not be fetched or read.");
  if (error instanceof errors.JOSEError) return fail("malformed", `The approval token is not valid: ${error.message}`);
  // A remote JWKS that cannot be reached surfaces as a plain fetch error.
  return fail("keys_unavailable", `The approval token could not be checked: ${error instanceof Error ? error.message : String(error)}`);
}

/** The approved step and the one to perform: same tool, and every expected argument equal (as JSON values). */
function stepMatches(step: ApprovalTokenAction, expected: ExpectedStep): boolean {
  if (step.tool !== expected.tool) return false;
  return Object.entries(expected.args ?? {}).every(([name, value]) => Object.hasOwn(step.args, name) && sameJson(step.args[name], value));
}

function describeActionMismatch(actions: ApprovalTokenAction[], expected: ExpectedStep): string {
  const wanted = `${expected.tool} ${JSON.stringify(expected.args ?? {})}`;
  if (actions.length === 0) return `This approval covers no commit step, so it does not cover ${wanted}.`;
  const approved = actions.map((a) => `${a.tool} ${JSON.stringify(a.args)}`).join("; ");
  return `This approval does not cover ${wanted}; the approved commit steps are: ${approved}.`;
}

/** Deep equality of JSON values, object key order ignored. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const isString = (v: unknown): v is string => typeof v === "string" && v !== "";
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isAction = (v: unknown) => isObject(v) && isString(v.tool) && typeof v.scope === "string" && isObject(v.args);
const isPerson = (v: unknown) => typeof v === "object" && v !== null && isString((v as { id?: unknown }).id);

function readClaims(p: JWTPayload): ApprovalTokenClaims | null {
  const c = p as Record<string, unknown>;
  const agent = c.agent as { id?: unknown; name?: unknown } | undefined;
  if (
    !isString(c.proposal_id) ||
    c.sub !== c.proposal_id ||
    !isString(c.digest) ||
    !Array.isArray(c.scopes) ||
    !c.scopes.every(isString) ||
    !Array.isArray(c.actions) ||
    !c.actions.every(isAction) ||
    !Array.isArray(c.deciders) ||
    !c.deciders.every(isPerson) ||
    !agent ||
    !isString(agent.id) ||
    !isString(c.queue)
  ) {
    return null;
  }
  return p as unknown as ApprovalTokenClaims;
}

// Configuration, validated once. App code reads settings from here, never from
// process.env, so a missing or malformed setting fails at start-up with a
// message that names it.
import { z } from "zod";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "@/lib/base/database-url";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .superRefine((value, ctx) => {
      try {
        parseDatabaseUrl(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  /** Base URL people reach the app at; used for links returned to agents. */
  PUBLIC_URL: z.url({ message: "PUBLIC_URL must be an absolute http(s) URL" }).default("http://localhost:3000"),
  /** Intake requests per agent per minute, per app instance. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  /** Other calls of an agent (GET a proposal, including long-polls; report an execution) per agent per minute, per app instance. */
  AGENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Webhook registration calls (GET, PUT, DELETE /api/v1/webhook) per agent per minute, per app instance. */
  WEBHOOK_REGISTRATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Approval-token verifications per caller address per minute, per app instance. */
  TOKEN_VERIFY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Fetches of the OpenAPI document per caller address per minute, per app instance. */
  OPENAPI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** Long-polls (GET /api/v1/proposals/{id}?wait=N) one agent may hold open at once, per app instance; beyond: 429. */
  LONG_POLL_MAX_WAITS_PER_AGENT: z.coerce.number().int().positive().default(50),
  /** How often an app instance checks the database for decisions on long-polled proposals (decisions made by other instances). */
  LONG_POLL_INTERVAL_MS: z.coerce.number().int().min(20).max(1000).default(250),
  /**
   * SQLite only: "full" (default) syncs the write-ahead log to disk at every COMMIT, so an answered
   * proposal or decision survives a power loss; "normal" syncs only at checkpoints (about once a
   * second): a crash of the server loses nothing, a power loss can lose the last commits. docs/operations.md.
   */
  SQLITE_SYNCHRONOUS: z.enum(["full", "normal"], { message: 'SQLITE_SYNCHRONOUS must be "full" or "normal"' }).default("full"),
  /**
   * SQLite only: "on" (default) writes intake's groups on a worker thread with a connection of its
   * own, so the server's thread is not blocked by their pages and sync (lib/db/sqlite-writer-thread.ts;
   * docs/operations.md). "off" writes them on the server's connection.
   */
  SQLITE_WRITER_THREAD: z.enum(["on", "off"], { message: 'SQLITE_WRITER_THREAD must be "on" or "off"' }).default("on"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Signs session cookies. Required in production (at least 32 characters). */
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  NEXTAUTH_URL: z.url({ message: "NEXTAUTH_URL must be an absolute URL" }).optional(),
  /** Single sign-on through any OpenID Connect provider: all three or none. */
  OIDC_ISSUER: z.url({ message: "OIDC_ISSUER must be the provider's issuer URL" }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  /** Failed password sign-ins allowed per email within LOGIN_THROTTLE_WINDOW_SECONDS. */
  LOGIN_THROTTLE_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** Password sign-in attempts allowed per client address within LOGIN_THROTTLE_WINDOW_SECONDS (any email). */
  LOGIN_THROTTLE_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(30),
  /** Password sign-in attempts allowed in total within LOGIN_THROTTLE_WINDOW_SECONDS (all emails, all addresses). */
  LOGIN_THROTTLE_MAX_GLOBAL: z.coerce.number().int().positive().default(300),
  /** Reverse proxies in front of the app that append to X-Forwarded-For: 0 = none (the TCP peer is the client). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** How often each app instance sweeps overdue proposals to "expired"; 0 turns it off. */
  EXPIRY_SWEEP_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Folder of *.cedar policy files used instead of the shipped lib/policy/cedar (read at start-up). */
  POLICY_DIR: z.string().min(1).optional(),
  /** Lifetime of an approval token handed to an agent (short: a fresh one is issued on every GET). */
  APPROVAL_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10, "APPROVAL_TOKEN_TTL_SECONDS must be at least 10").max(3600, "APPROVAL_TOKEN_TTL_SECONDS must be at most 3600 (tokens are meant to be short-lived)").default(300),
  /** Approvals older than this without an execution report are flagged "Not executed". */
  EXECUTION_OVERDUE_HOURS: z.coerce.number().positive().default(24),
  /** How often each app instance delivers due webhooks from the outbox; 0 turns delivery off on this instance. */
  WEBHOOK_POLL_SECONDS: z.coerce.number().int().min(0).default(5),
  /** Delivery attempts (first try plus retries) before a webhook is marked failed. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** Lets webhooks go to loopback, private and link-local addresses and internal host names (local development and tests only: otherwise any agent could make the server probe its own network). */
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(["true", "false", "1", "0"], { message: "WEBHOOK_ALLOW_PRIVATE_URLS must be true or false" })
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  /** Anonymous refusals with the same address, action and code are logged at most once per this many seconds, per app instance; 0 logs every one. */
  SECURITY_LOG_COALESCE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Private Ed25519 JWK (JSON) that signs checkpoints; when unset a key file is generated once and kept. */
  SIGNING_KEY: z.string().optional().superRefine((value, ctx) => {
    if (value !== undefined && !isEd25519Jwk(value, true)) {
      ctx.addIssue({ code: "custom", message: 'SIGNING_KEY must be a private Ed25519 JWK as JSON: {"kty":"OKP","crv":"Ed25519","x":"…","d":"…"}' });
    }
  }),
  /** Where the generated signing key is kept (default: next to the SQLite database, else data/signing-key.json). */
  SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Retired public keys still trusted for old checkpoints: a JWKS or a JSON array of public Ed25519 JWKs. */
  SIGNING_PUBLIC_KEYS_EXTRA: z.string().optional().superRefine((value, ctx) => {
    if (value === undefined) return;
    let keys: unknown;
    try {
      const parsed = JSON.parse(value) as unknown;
      keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown } | null)?.keys;
    } catch {
      keys = undefined;
    }
    if (!Array.isArray(keys) || !keys.every((key) => isEd25519Jwk(JSON.stringify(key), false))) {
      ctx.addIssue({ code: "custom", message: 'SIGNING_PUBLIC_KEYS_EXTRA must be a JWKS {"keys":[…]} or a JSON array of public Ed25519 JWKs' });
    }
  }),
  /** How often each app instance signs the receipt chain's head; 0 turns it off. */
  CHECKPOINT_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Append-only JSONL file every signed checkpoint is also written to (default: checkpoint-witness.jsonl next to the signing key file). Keep it where the database's owner cannot write. */
  CHECKPOINT_WITNESS_FILE: z.string().min(1).optional(),
  /** Optional outside witness: every checkpoint is also POSTed here as JSON (retried on the next tick when it fails). */
  CHECKPOINT_WITNESS_URL: z.url({ message: "CHECKPOINT_WITNESS_URL must be an absolute http(s) URL" }).optional(),
  /** Outgoing mail for notifications (lib/notifications), e.g. smtp://user:pass@mail.example.com:587 or smtps://…; unset: no mail. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://").optional(),
  /** The From of notification mail. */
  MAIL_FROM: z.string().min(3).default("Countersign <countersign@localhost>"),
  /** How often each app instance looks for new proposals, decisions and overdue items to notify about and sends due notifications; 0 turns it off. */
  NOTIFY_POLL_SECONDS: z.coerce.number().int().min(0).default(15),
  /** The Slack app's signing secret: verifies interactions (Approve / Reject from Slack); unset refuses every interaction. */
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  /** A Slack bot token (xoxb-…) to open the reject-reason modal (views.open); unset: Reject asks the person to use the browser. */
  SLACK_BOT_TOKEN: z.string().min(8).optional(),
  /** Slack's Web API base (tests point it at a local receiver). */
  SLACK_API_URL: z.url().default("https://slack.com/api"),
  /** Serves the example payment tool (/api/examples/release-payment) for demos; off (404) unless true. */
  EXAMPLES: z
    .enum(["true", "false", "1", "0"], { message: "EXAMPLES must be true or false" })
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  /**
   * `npm run serve` answers the agent API (/api/v1) with its lean handler, outside Next.js's request
   * pipeline (lib/http/agent-api-dispatch.ts); false leaves every request to Next.js.
   */
  LEAN_AGENT_API: z
    .enum(["true", "false", "1", "0"], { message: "LEAN_AGENT_API must be true or false" })
    .default("true")
    .transform((value) => value === "true" || value === "1"),
}).superRefine((value, ctx) => {
  const oidc = [value.OIDC_ISSUER, value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidc !== 0 && oidc !== 3) {
    ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none of them" });
  }
});

/** An Ed25519 JWK as JSON; `needPrivate` also requires the private part `d`. */
function isEd25519Jwk(json: string, needPrivate: boolean): boolean {
  try {
    const key = JSON.parse(json) as Record<string, unknown> | null;
    return key?.kty === "OKP" && key.crv === "Ed25519" && typeof key.x === "string" && (!needPrivate || typeof key.d === "string");
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

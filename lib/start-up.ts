// What the Node.js server does once at start: validate configuration (a wrong
// setting stops start-up with a message that names it) and start the expiry
// sweeper, the webhook worker and, on SQLite, the checkpoint worker. Called
// from instrumentation.ts.
import { env } from "@/lib/env";

export async function startUp(): Promise<void> {
  try {
    const settings = env();
    if (settings.NODE_ENV === "production" && !settings.NEXTAUTH_SECRET) {
      throw new Error("Invalid configuration:\n  - NEXTAUTH_SECRET: required to sign sessions (npm run quickstart writes one to .env)");
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  await loadCedarPolicies();
  await loadAppliedPolicies();
  await startExpirySweeper(env().EXPIRY_SWEEP_SECONDS);
  await startWebhookWorker(env().WEBHOOK_POLL_SECONDS);
  // Imported only now, like the others: the database client reads the configuration on load.
  const { startCheckpointSigner } = await import("@/lib/receipts/checkpoint-timer");
  startCheckpointSigner(env().CHECKPOINT_SECONDS);
  const { startNotificationWorker } = await import("@/lib/notifications/run-worker");
  startNotificationWorker(env().NOTIFY_POLL_SECONDS);
  // SQLite: copy the write-ahead log back off the request thread (lib/db/sqlite-checkpointer.ts says why).
  const { databaseTarget } = await import("@/lib/db/client");
  if (databaseTarget.provider === "sqlite") {
    const { startSqliteCheckpointer } = await import("@/lib/db/sqlite-checkpointer");
    await startSqliteCheckpointer(databaseTarget.file);
  }
}

/**
 * The Cedar policies decide who may propose and decide: an invalid one stops
 * start-up with its file and line, instead of refusing (or allowing) requests
 * later. Validator warnings (e.g. a policy that can never apply) are logged.
 */
async function loadCedarPolicies(): Promise<void> {
  const { loadPolicies } = await import("@/lib/policy/engine");
  const { logger } = await import("@/lib/log");
  try {
    const loaded = loadPolicies();
    logger.info("Cedar policies loaded", { dir: loaded.dir, policies: loaded.policies.length });
    for (const warning of loaded.warnings) logger.warn("Cedar policy warning", { warning });
    // Cedar's first few hundred questions run before V8 has compiled them: asked here, not in a person's first batch.
    const { warmUpPolicyEngine } = await import("@/lib/policy/warm-up");
    warmUpPolicyEngine(loaded);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

/** A policy set an admin applied (stored in the database) replaces the files; polled for applies on other instances. */
async function loadAppliedPolicies(): Promise<void> {
  const { refreshAppliedPolicies, startPolicyRefresher } = await import("@/lib/policy/versions/refresh-applied-policies");
  await refreshAppliedPolicies();
  startPolicyRefresher(5);
}

/** Every instance sweeps; the sweeper's guarded write makes that safe. */
async function startExpirySweeper(seconds: number): Promise<void> {
  if (seconds === 0) return;
  // Imported only after the configuration is known to be valid (the database client reads it on load).
  const { expireOverdueProposals } = await import("@/lib/proposals/expire-proposals");
  const { logger } = await import("@/lib/log");
  const sweep = async () => {
    try {
      const expired = await expireOverdueProposals();
      if (expired > 0) logger.info("expired overdue proposals", { expired });
    } catch (error) {
      logger.error("expiry sweep failed", { error: error instanceof Error ? error.message : String(error) });
    }
  };
  setInterval(sweep, seconds * 1000).unref();
  void sweep();
}

/**
 * Every instance delivers webhooks; leases on the outbox rows keep two
 * instances from sending the same one. A poll never overlaps the previous one,
 * so a slow receiver delays the next poll instead of stacking sends.
 */
async function startWebhookWorker(seconds: number): Promise<void> {
  if (seconds === 0) return;
  const { deliverAllDueWebhooks } = await import("@/lib/webhooks/deliver");
  const { logger } = await import("@/lib/log");
  let running = false;
  const poll = async () => {
    if (running) return;
    running = true;
    try {
      const summary = await deliverAllDueWebhooks();
      if (summary.claimed > 0) logger.info("webhook deliveries", summary);
    } catch (error) {
      logger.error("webhook delivery failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  setInterval(poll, seconds * 1000).unref();
  void poll();
}

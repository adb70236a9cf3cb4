// What the Node.js server does once at start: validate configuration (a wrong
// setting stops start-up with a message that names it) and start the expiry
// sweeper. Called from instrumentation.ts.
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
  await startExpirySweeper(env().EXPIRY_SWEEP_SECONDS);
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

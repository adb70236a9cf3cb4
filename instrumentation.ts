// Runs once when the server starts: validate configuration before serving a
// request, so a wrong setting stops start-up with a message that names it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  try {
    const settings = env();
    if (settings.NODE_ENV === "production" && !settings.NEXTAUTH_SECRET) {
      throw new Error("Invalid configuration:\n  - NEXTAUTH_SECRET: required to sign sessions (npm run quickstart writes one to .env)");
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

// Runs once when a server starts. Only the Node.js server has work to do
// (lib/start-up.ts); the check on NEXT_RUNTIME keeps it out of the Edge bundle.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startUp } = await import("@/lib/start-up");
    await startUp();
  }
}

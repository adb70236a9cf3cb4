// Demo data for a fresh database: `npm run db:seed`.
//
// The people, queues and agents of a made-up company (prisma/demo/company.ts,
// workflows.ts) and about 300 proposals spread over the last 30 days, planned
// by prisma/demo/plan.ts and played through the product's own functions by
// prisma/demo/play.ts: intake, decisions, execution reports and the expiry
// sweeper write every row and receipt, so demo receipts are real receipts.
// A database that already has a user is left alone.
import "@/lib/load-dotenv";
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { writeCheckpoint } from "@/lib/receipts/checkpoints";
import { COMPANY, DEMO_PASSWORD, USERS } from "./demo/company";
import { DEMO_TOOL, playDemo } from "./demo/play";
import { Rng } from "./demo/rng";
import { WORKFLOWS } from "./demo/workflows";

const SEED = 0x5eed_2025;

// On PostgreSQL, Prisma 6's query interpreter overlaps some reads inside a
// transaction on its one pg client, and pg 8 warns (once) that pg 9 will refuse
// that. The server logs it too; it is Prisma's to fix, not the demo's, so the
// seed's output stays what it says (scripts/seed-demo.test.ts, checkpoint-guard).
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (String(warning instanceof Error ? warning.message : warning).includes("client is already executing a query")) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

/**
 * The demo's accounts share a password published in the README: on a
 * production install they would be open doors. So NODE_ENV=production needs
 * an explicit --force-demo (a public demo, the quick start).
 */
function refuseDemoInProduction(): boolean {
  if (env().NODE_ENV !== "production" || process.argv.includes("--force-demo")) return false;
  console.error(
    [
      "Refusing to load the demo data: NODE_ENV is production, and every demo account signs in with the published password.",
      "  For a real install, create your people instead:  npm run cli -- user:create --email E --name N --role admin --password P",
      "  To load the demo anyway (a public demo):          npm run db:seed -- --force-demo",
    ].join("\n"),
  );
  return true;
}

async function main(): Promise<void> {
  const started = performance.now();
  const loginUrl = `${env().PUBLIC_URL.replace(/\/$/, "")}/login`;
  if (refuseDemoInProduction()) {
    process.exitCode = 1;
    return;
  }
  if ((await db.user.count()) > 0) {
    console.log("Database already has data; skipping the demo seed.");
    printSignIn(loginUrl);
    console.log("\nDemo agent keys are shown only when the seed creates them; make a new one with");
    console.log('  npm run cli -- agent:create --name my-agent --sponsor admin@countersign.dev --scopes "ap:read"');
    console.log("and a tool key (to redeem approval tokens online) with  npm run cli -- tool:create --name my-tool");
    return;
  }

  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const demo = await playDemo(new Rng(SEED), now);
  // The demo's receipts are backdated a month: sign them now, or the verifier (rightly) reports old receipts no checkpoint covers.
  await writeCheckpoint({ allowFirst: true });

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const byStatus = await db.proposal.groupBy({ by: ["status"], _count: { _all: true } });
  const receipts = await db.receipt.count();
  console.log(
    `Seeded ${COMPANY} demo data in ${seconds}s: ${demo.users.length} users, ${WORKFLOWS.length} queues, ` +
      `${demo.agents.length} agents, ${demo.proposals.length} proposals, ${receipts} receipts.`,
  );
  const counts = byStatus.map((s) => [s.status, s._count._all] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  console.log(`  proposals by status: ${counts.map(([s, n]) => `${s} ${n}`).join(", ")}`);
  printSignIn(loginUrl);
  console.log("\nDemo keys (agent API keys; shown only now, only their hashes are stored):");
  const width = Math.max(...demo.agents.map((a) => a.name.length));
  for (const agent of demo.agents) console.log(`  ${agent.name.padEnd(width)}  ${agent.key}   (${agent.scopes.join(",")})`);
  console.log(`\nDemo tool key (${DEMO_TOOL}: redeems approval tokens at POST /api/v1/approval-tokens/verify; agent keys are refused there):`);
  console.log(`  ${demo.toolKey}`);
  const example = demo.proposals.find((p) => p.status === "pending") ?? demo.proposals[0]!;
  console.log(`\nTry one (with the app running), e.g. read back a proposal of ${example.agent.name}:`);
  console.log(`  curl -s ${env().PUBLIC_URL.replace(/\/$/, "")}/api/v1/proposals/${example.id} -H "Authorization: Bearer ${example.agent.key}"`);
}

function printSignIn(loginUrl: string): void {
  console.log(`\nSign in at ${loginUrl}`);
  const width = Math.max(...USERS.map((u) => u.email.length));
  for (const u of USERS) console.log(`  ${u.email.padEnd(width)}  ${u.role.padEnd(8)}  ${u.name} (${u.title})`);
  console.log(`Password for every demo account: ${DEMO_PASSWORD}`);
}

main()
  .then(() => db.$disconnect())
  .catch(async (error: unknown) => {
    console.error(error);
    await db.$disconnect();
    process.exit(1);
  });

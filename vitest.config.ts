// Three projects: fast unit tests, database tests on a fresh SQLite file, and
// the same database tests on PostgreSQL when TEST_POSTGRES_URL is set (CI sets it).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
const databaseTests = ["lib/**/*.db.test.ts", "app/**/*.db.test.ts"];
const postgresUrl = process.env.TEST_POSTGRES_URL;
// One SQLite file per run, so concurrent runs never delete each other's database.
const sqliteUrl = `file:./.tmp/test-sqlite-${process.pid}.db`;
process.env.COUNTERSIGN_TEST_SQLITE_URL = sqliteUrl;
// One signing key for every database test file, so checkpoints written by one verify in another.
const signingKeyFile = ".tmp/test-signing-key.json";
// One checkpoint witness per run and database: the databases are new each run, and a witness that
// remembers another run's checkpoints would (rightly) make the signer refuse.
const witnessFile = (provider: string) => `.tmp/test-witness-${provider}-${process.pid}-${Date.now()}.jsonl`;
// Both database projects share one database per run, and receipts written early in the run must not
// outlive the signer's grace period (2 × CHECKPOINT_SECONDS + 60 s) before a later file signs its first
// checkpoint: a long run on a loaded machine takes over the default's 11 minutes. The tests that check
// the grace itself compute it with checkpointGraceMs().
const checkpointSeconds = "3600";
// Webhook tests deliver to receivers on 127.0.0.1; lib/webhooks/private-targets.db.test.ts turns it off to test the refusal.

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\/(.*)$/, replacement: `${root}/$1` },
      // `server-only` throws outside React Server Components; tests run server code directly.
      { find: "server-only", replacement: `${root}/test-support/empty-module.ts` },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "app/**/*.test.ts", "examples/**/*.test.ts", "scripts/**/*.test.ts", "sdk/src/**/*.test.ts"], exclude: databaseTests },
      },
      {
        extends: true,
        test: {
          name: "sqlite",
          include: databaseTests,
          globalSetup: ["test-support/global-setup-sqlite.ts"],
          env: { DATABASE_URL: sqliteUrl, LOG_LEVEL: "silent", PUBLIC_URL: "http://countersign.test", SIGNING_KEY_FILE: signingKeyFile, CHECKPOINT_WITNESS_FILE: witnessFile("sqlite"), CHECKPOINT_SECONDS: checkpointSeconds, WEBHOOK_ALLOW_PRIVATE_URLS: "true" },
        },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: {
                name: "postgresql",
                include: databaseTests,
                globalSetup: ["test-support/global-setup-postgres.ts"],
                env: { DATABASE_URL: postgresUrl, LOG_LEVEL: "silent", PUBLIC_URL: "http://countersign.test", SIGNING_KEY_FILE: signingKeyFile, CHECKPOINT_WITNESS_FILE: witnessFile("postgresql"), CHECKPOINT_SECONDS: checkpointSeconds, WEBHOOK_ALLOW_PRIVATE_URLS: "true" },
              },
            },
          ]
        : []),
    ],
  },
});

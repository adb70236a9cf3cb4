// Migrates a throwaway test database with the same command users run.
import { execFileSync } from "node:child_process";

export function migrateForTests(databaseUrl: string): void {
  execFileSync("npx", ["tsx", "scripts/db-migrate.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

// Creates one new migration for BOTH databases from your change to
// prisma/schema.prisma: `npm run db:migration -- <name> [--from <git ref>]`.
// (POSTGRES_URL must name a reachable PostgreSQL database; nothing is written.)
// It diffs the schema as committed at <git ref> (default HEAD) against the
// working copy, once per provider, offline and without shadow databases.
// Commit the schema change together with the two migrations it writes.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { derivePostgresSchema } from "./db-schemas-derive.ts";

const args = process.argv.slice(2);
const fromIndex = args.indexOf("--from");
const fromRef = fromIndex >= 0 ? args[fromIndex + 1]! : "HEAD";
const name = (args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--from") ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name> [--from <git ref>]   (e.g. add_webhooks)");
  process.exit(2);
}

// The PostgreSQL engine needs a reachable server even to diff two schema files.
const postgresUrl = process.env.POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
if (!postgresUrl) {
  console.error("Set POSTGRES_URL to any reachable PostgreSQL database (nothing is written to it).");
  process.exit(2);
}

execFileSync("npx", ["tsx", "scripts/db-schemas.ts"], { stdio: "inherit" });
const work = mkdtempSync(path.join(tmpdir(), "countersign-migration-"));
const oldSqlite = execFileSync("git", ["show", `${fromRef}:prisma/schema.prisma`], { encoding: "utf8" });
const current = execFileSync("cat", ["prisma/schema.prisma"], { encoding: "utf8" });
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

const sides = [
  { provider: "sqlite", dir: "prisma/sqlite/migrations", from: oldSqlite, to: current, url: "file:./data/countersign.db" },
  { provider: "postgresql", dir: "prisma/postgresql/migrations", from: derivePostgresSchema(oldSqlite), to: derivePostgresSchema(current), url: postgresUrl },
];
for (const side of sides) {
  const fromFile = path.join(work, `${side.provider}-from.prisma`);
  const toFile = path.join(work, `${side.provider}-to.prisma`);
  writeFileSync(fromFile, side.from);
  writeFileSync(toFile, side.to);
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", "--from-schema-datamodel", fromFile, "--to-schema-datamodel", toFile, "--script"], {
    env: { ...process.env, DATABASE_URL: side.url },
    encoding: "utf8",
  });
  if (!/\b(CREATE|ALTER|DROP)\b/i.test(sql)) {
    console.log(`${side.provider}: no schema change since ${fromRef}`);
    continue;
  }
  const folder = path.join(side.dir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  console.log(`wrote ${folder}/migration.sql`);
}

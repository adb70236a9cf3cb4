// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma, the one
// schema we edit. Only the datasource provider/url and the client's output
// folder differ. `--check` exits non-zero when the derived file is stale.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";

const SOURCE = "prisma/schema.prisma";
const TARGET = "prisma/postgresql/schema.prisma";

export function derivePostgresSchema(source: string): string {
  const out = source
    .replace('output       = "../generated/sqlite"', 'output       = "../../generated/postgresql"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(/url\s+=\s+"file:[^"]*"/, 'url      = env("DATABASE_URL")');
  if (out === source || !out.includes('"postgresql"') || !out.includes("generated/postgresql")) {
    throw new Error(`${SOURCE}: expected the sqlite provider and ../generated/sqlite output lines`);
  }
  return `// GENERATED from prisma/schema.prisma by scripts/db-schemas.ts: do not edit.\n${out}`;
}

const derived = derivePostgresSchema(readFileSync(SOURCE, "utf8"));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(TARGET, "utf8");
  } catch {}
  if (current !== derived) {
    console.error(`${TARGET} is stale: run npm run db:generate`);
    process.exit(1);
  }
} else {
  mkdirSync("prisma/postgresql", { recursive: true });
  writeFileSync(TARGET, derived);
  console.log(`wrote ${TARGET}`);
}

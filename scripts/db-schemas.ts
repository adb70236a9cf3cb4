// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma, the one
// schema we edit. Only the datasource provider/url and the client's output
// folder differ. `--check` exits non-zero when the derived file is stale.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { derivePostgresSchema } from "./db-schemas-derive.ts";

const SOURCE = "prisma/schema.prisma";
const TARGET = "prisma/postgresql/schema.prisma";

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

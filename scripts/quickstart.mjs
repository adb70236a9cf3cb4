// npm run quickstart: install, build, create the SQLite database with demo
// data, and start Countersign on http://localhost:3000. Safe to run again:
// it keeps your .env, your data and an up-to-date build.
import { execSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, statSync } from "node:fs";

const run = (command) => execSync(command, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
const step = (text) => console.log(`\n\u25b8 ${text}`);

if (!existsSync("node_modules/.package-lock.json") || statSync("package-lock.json").mtimeMs > statSync("node_modules/.package-lock.json").mtimeMs) {
  step("Installing dependencies (npm ci; compiles better-sqlite3, about 2 minutes the first time)");
  run("npm ci --no-audit --no-fund");
}

const dotenv = existsSync(".env") ? readFileSync(".env", "utf8") : "";
if (!/^NEXTAUTH_SECRET=/m.test(dotenv)) {
  step("Writing a new session secret to .env");
  appendFileSync(".env", `${dotenv && !dotenv.endsWith("\n") ? "\n" : ""}NEXTAUTH_SECRET=${randomBytes(32).toString("base64url")}\n`);
}

if (!existsSync(".next/BUILD_ID") || process.argv.includes("--rebuild")) {
  step("Building the app (next build, about a minute)");
  run("npx next build");
}

step("Creating and migrating the SQLite database (data/countersign.db)");
run("npx tsx scripts/db-migrate.ts");
step("Loading demo data");
// The quick start is the demo: load it even when NODE_ENV=production is set (the seed refuses otherwise).
run("npx tsx --conditions=react-server prisma/seed.ts --force-demo");

const port = process.env.PORT ?? "3000";
step(`Starting Countersign on http://localhost:${port}  (Ctrl+C to stop)`);
// EXAMPLES=true serves the example payment tool the demo walks through (off in a real install).
const server = spawn("npm", ["run", "serve", "--", "-p", port], { stdio: "inherit", env: { EXAMPLES: "true", ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
server.on("exit", (code) => process.exit(code ?? 0));
process.on("SIGINT", () => server.kill("SIGINT"));

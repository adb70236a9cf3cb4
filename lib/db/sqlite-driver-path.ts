import "server-only";
// Where better-sqlite3 is, for the SQLite worker threads (the checkpointer, the writer): their
// source is eval'd CommonJS, so they `require` the driver by this path.
import { createRequire } from "node:module";
import { join } from "node:path";

/** Resolved from the app's directory: inside Next's server bundle `require.resolve` is not Node's. */
export function sqliteDriverPath(): string {
  return createRequire(join(process.cwd(), "package.json")).resolve("better-sqlite3");
}

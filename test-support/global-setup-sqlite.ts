import { mkdirSync, rmSync } from "node:fs";
import { migrateForTests } from "./migrate-for-tests.ts";

// vitest.config.ts picks a per-run file name and passes it here.
export default function setup() {
  const url = process.env.COUNTERSIGN_TEST_SQLITE_URL!;
  const file = url.slice("file:".length);
  const remove = () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  };
  mkdirSync(".tmp", { recursive: true });
  remove();
  migrateForTests(url);
  return remove;
}

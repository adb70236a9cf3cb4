import { mkdirSync, rmSync } from "node:fs";
import { migrateForTests } from "./migrate-for-tests.ts";

export default function setup() {
  mkdirSync(".tmp", { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`.tmp/test-sqlite.db${suffix}`, { force: true });
  migrateForTests("file:./.tmp/test-sqlite.db");
}

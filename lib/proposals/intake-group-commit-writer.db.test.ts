// The group commit cases of intake-group-commit.db.test.ts with SQLite's writer
// thread on (lib/proposals/intake-on-writer-thread.ts): at any surprise it hands
// the group to the ordinary path, and the answers must be the same. On PostgreSQL
// the setting does nothing, and the cases run as in the other file.
import { vi } from "vitest";

vi.hoisted(() => {
  process.env.SQLITE_WRITER_THREAD = "on";
});

import { groupCommitCases } from "@/test-support/group-commit-cases";

groupCommitCases("intake group commit, writer thread on");

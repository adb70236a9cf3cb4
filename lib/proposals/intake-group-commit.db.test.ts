// Group commit (lib/proposals/intake-group-commit.ts): concurrent proposals
// share one transaction, yet each fails alone and is answered only once committed.
// Here on the server's own connection; intake-group-commit-writer.db.test.ts runs
// the same cases with SQLite's writer thread (the default there).
import { vi } from "vitest";

vi.hoisted(() => {
  process.env.SQLITE_WRITER_THREAD = "off";
});

import { groupCommitCases } from "@/test-support/group-commit-cases";

groupCommitCases("intake group commit");

// PostgreSQL may abort one of two transactions that lock overlapping rows in
// different orders (deadlock, 40P01) or hit a serialization failure (40001);
// Prisma reports both as P2034. Such a transaction changed nothing, so it is
// safe to run again. SQLite waits on its busy timeout instead.
export async function withTransactionRetry<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}

function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string }; message?: string } | null;
  if (!e) return false;
  if (e.code === "P2034" || e.code === "40P01" || e.code === "40001") return true;
  if (e.meta?.code === "40P01" || e.meta?.code === "40001") return true;
  return /deadlock detected|could not serialize access/i.test(e.message ?? "");
}

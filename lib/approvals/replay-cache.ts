// An in-memory set of spent token ids for a downstream tool checking approval
// tokens offline: the `seenJti` of verifyApprovalToken. Entries are kept for
// longer than any token lives (APPROVAL_TOKEN_TTL_SECONDS is at most an hour),
// after which the token's own expiry refuses it anyway. One process only: a
// tool with several instances should share the set (a database or Redis) or
// use Countersign's online check, which spends tokens in Countersign's database.
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly retentionMs = 3600_000 + 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True if `jti` was seen before; otherwise remembers it and returns false. */
  checkAndAdd = (jti: string): boolean => {
    const now = this.now();
    this.prune(now);
    if (this.seen.has(jti)) return true;
    this.seen.set(jti, now);
    return false;
  };

  private prune(now: number): void {
    // Map iterates in insertion order, so the oldest entries come first.
    for (const [jti, at] of this.seen) {
      if (now - at <= this.retentionMs) break;
      this.seen.delete(jti);
    }
  }
}

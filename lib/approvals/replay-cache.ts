// An in-memory set of spent approvals for a downstream tool checking approval
// tokens offline: the `seenApproval` of verifyApprovalToken, keyed by
// proposal id (one approval is acted on once, whichever of its tokens comes;
// keying by token id would let a second token of one approval through). Entries are kept for
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

  /** True if `key` (a proposal id, or a token id) was seen before; otherwise remembers it and returns false. */
  checkAndAdd = (key: string): boolean => {
    const now = this.now();
    this.prune(now);
    if (this.seen.has(key)) return true;
    this.seen.set(key, now);
    return false;
  };

  private prune(now: number): void {
    // Map iterates in insertion order, so the oldest entries come first.
    for (const [key, at] of this.seen) {
      if (now - at <= this.retentionMs) break;
      this.seen.delete(key);
    }
  }
}

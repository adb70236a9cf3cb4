// Proposal statuses (contract section 3).
// "revoked": an admin withdrew an approval before it was executed (containment).
export const STATUSES = ["pending", "approved", "rejected", "expired", "cancelled", "revoked", "executed", "failed"] as const;
export type Status = (typeof STATUSES)[number];

/** A pending proposal past its expiry is expired at once, before any sweeper runs. */
export function effectiveStatus(status: string, expiresAt: Date | null, now = new Date()): string {
  if (status === "pending" && expiresAt && expiresAt.getTime() <= now.getTime()) return "expired";
  return status;
}

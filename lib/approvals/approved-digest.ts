// The APPROVED digest of a proposal: the digest of the plan version in force
// when it was approved. An approver's edit creates a new version with its own
// digest, so this may differ from the digest of the envelope as sent.
// Approval tokens, execution reports and the agent's view all use this one rule.

type WithVersions = { digest: string; version: number; versions: { version: number; digest: string }[] };

export function approvedDigestOf(p: WithVersions): string {
  return p.versions.find((v) => v.version === p.version)?.digest ?? p.digest;
}

/** The Prisma select that approvedDigestOf needs (the in-force version is always the newest). */
export const approvedDigestSelect = {
  digest: true,
  version: true,
  versions: { orderBy: { version: "desc" as const }, take: 1, select: { version: true, digest: true } },
};

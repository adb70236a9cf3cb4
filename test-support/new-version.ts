// A proposal "edited by someone else" for tests of stale versions: the next version in force, with its
// row as every edit writes it (a version in force without its row is a damaged row, refused as unreadable).
import { db } from "@/lib/db/client";

export async function addVersion(proposalId: string): Promise<number> {
  const { version } = await db.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { version: true } });
  const current = await db.proposalVersion.findFirstOrThrow({ where: { proposalId, version }, select: { plan: true, digest: true } });
  await db.proposalVersion.create({ data: { proposalId, version: version + 1, plan: current.plan as object, digest: current.digest } });
  await db.proposal.update({ where: { id: proposalId }, data: { version: version + 1 } });
  return version + 1;
}

import "server-only";
// The applied policy sets, newest first, for /admin/policies and the CLI.
import { db } from "@/lib/db/client";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";

export type PolicyVersionRow = { id: string; digest: string; previousDigest: string; restoredFromId: string | null; reason: string; appliedBy: string; createdAt: Date; files: string[] };

export async function listPolicyVersions(caller: AdminCaller, take = 50): Promise<PolicyVersionRow[]> {
  adminActor(caller);
  const rows = await db.policyVersion.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
  return rows.map((r) => {
    const by = r.appliedBy as { email?: string; name?: string };
    return {
      id: r.id,
      digest: r.digest,
      previousDigest: r.previousDigest,
      restoredFromId: r.restoredFromId,
      reason: r.reason,
      appliedBy: by.email ?? by.name ?? "unknown",
      createdAt: r.createdAt,
      files: (r.sources as { file: string }[]).map((s) => s.file),
    };
  });
}

/** The sources of one applied version (to load into the editor). */
export async function policyVersionSources(caller: AdminCaller, id: string): Promise<{ file: string; text: string }[] | null> {
  adminActor(caller);
  const row = await db.policyVersion.findUnique({ where: { id }, select: { sources: true } });
  return row ? (row.sources as { file: string; text: string }[]) : null;
}

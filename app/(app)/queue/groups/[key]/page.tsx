import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { decidesAnywhere, loadQueueRoles } from "@/lib/users/queue-roles";
import { getLookAlikeGroup } from "@/lib/proposals/look-alike-groups";
import { SHAPE_KEY_PATTERN } from "@/lib/proposals/shape-key";
import { EmptyState } from "@/components/ui/empty-state";
import { link } from "@/components/ui/tokens";
import { GroupReview } from "./group-review";

export const metadata: Metadata = { title: "Look-alike group" };

export default async function GroupPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const user = await requireUser(`/queue/groups/${encodeURIComponent(key)}`);
  if (!SHAPE_KEY_PATTERN.test(key)) notFound();
  const [group, roles] = await Promise.all([getLookAlikeGroup(user, key), loadQueueRoles(user)]);
  return (
    <main className="space-y-4">
      <Link href="/queue" className={`${link} text-sm`}>
        ← Queue
      </Link>
      {group ? (
        <GroupReview group={group} canDecide={decidesAnywhere(roles)} />
      ) : (
        <EmptyState title="Nothing pending in this group." action={{ href: "/queue", label: "Back to the queue" }}>
          Its proposals were decided, expired or withdrawn.
        </EmptyState>
      )}
    </main>
  );
}

"use server";
// "Select all N matching" (lib/proposals/view-snapshot.ts): take a signed
// snapshot of the view's ids, then decide exactly that snapshot. Each is a
// public endpoint: the wrapper re-checks the session, snapshotView requires a
// decider, and deciding re-verifies the snapshot's signature, owner and age
// before every item is checked as in any batch.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/authed-action";
import { queueFiltersSchema } from "@/lib/proposals/queue-filters";
import { decideView, decideViewInput, snapshotView } from "@/lib/proposals/view-snapshot";

export const snapshotViewAction = authedAction(z.object({ filters: queueFiltersSchema }), (user, input) => snapshotView(user, input.filters), { name: "snapshot_view" });

export const decideViewAction = authedAction(decideViewInput, async (user, input) => {
  const result = await decideView(user, input);
  if (result.decided.length > 0) {
    revalidatePath("/queue");
    revalidatePath("/receipts");
  }
  return result;
}, { name: "decide_view" });

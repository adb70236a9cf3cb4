"use server";
// Server actions for deciding proposals. Each is a public endpoint: the
// wrapper re-checks the session and the user's current role in the database,
// and decideProposals checks every item again on the server.
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/authed-action";
import { decideInput, decideProposals } from "@/lib/proposals/decide-proposals";

export const decideProposalsAction = authedAction(decideInput, async (user, input) => {
  const result = await decideProposals(user, input);
  if (result.decided.length > 0) {
    revalidatePath("/queue");
    revalidatePath("/receipts");
  }
  return result;
}, { name: "decide_proposals" });

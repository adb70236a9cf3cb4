"use client";
// The queue's decide mutation: sends the version each row showed (the server
// refuses a vote on a plan edited since), marks the rows "deciding…", then
// applies what the server really did to the cached list and says so.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { queueKeys } from "@/lib/queries/queue-queries";
import type { QueueFilters } from "@/lib/proposals/queue-filters";
import type { QueuePage, QueueRow } from "@/lib/proposals/list-queue";
import type { Notice } from "@/components/ui/notice";
import { useDecideProposals } from "../proposals/use-decision-mutations";
import { applyDecision, decisionNotice } from "./reconcile-decision";

export function useQueueDecide(filters: QueueFilters, rows: QueueRow[], onDecided: () => void) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [deciding, setDeciding] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<Notice | null>(null);

  const mutation = useDecideProposals({
    onMutate: ({ ids }) => {
      setDeciding(new Set(ids));
      setNotice(null);
    },
    onSuccess: (result) => {
      queryClient.setQueryData<InfiniteData<QueuePage, string | null>>(queueKeys.list(filters), (data) => data && applyDecision(data, result, filters.status));
      setNotice(decisionNotice(result));
      void queryClient.invalidateQueries({ queryKey: queueKeys.all, refetchType: "none" });
      onDecided();
      router.refresh(); // counts per status
    },
    onError: (error) => setNotice({ tone: "error", text: error.message || "The decision failed." }),
    onSettled: () => setDeciding(new Set()),
  });

  function decide(ids: string[], outcome: "approved" | "rejected", reason?: string) {
    if (ids.length === 0 || mutation.isPending) return;
    const shown = new Map(rows.map((row) => [row.id, row.version]));
    const versions = Object.fromEntries(ids.filter((id) => shown.has(id)).map((id) => [id, shown.get(id)!]));
    mutation.mutate({ ids, outcome, reason, versions });
  }

  return { decide, busy: mutation.isPending, deciding, notice, dismissNotice: () => setNotice(null) };
}

"use client";
// The decision actions as TanStack Query mutations, one way for both pages.
// A mutation (not a bare transition) because the queue needs its lifecycle:
// mark rows "deciding…" before the call, reconcile the cached list with what
// the server really did after it; the proposal page gets the same pending and
// error state for free. A refused call (ok: false) becomes a rejected mutation
// carrying the server's message.
import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/actions/authed-action";
import type { DecideInput } from "@/lib/proposals/decide-proposals";
import { approveWithEditsAction, decideProposalsAction } from "./actions";

type DecideData = Awaited<ReturnType<typeof decideProposalsAction>> extends ActionResult<infer T> ? T : never;
type EditInput = Parameters<typeof approveWithEditsAction>[0];
type EditData = Awaited<ReturnType<typeof approveWithEditsAction>> extends ActionResult<infer T> ? T : never;
type Options<I, D> = Omit<UseMutationOptions<D, Error, I>, "mutationFn">;

function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

export function useDecideProposals(options: Options<DecideInput, DecideData> = {}) {
  return useMutation({ ...options, mutationFn: async (input: DecideInput) => unwrap(await decideProposalsAction(input)) });
}

export function useApproveWithEdits(options: Options<EditInput, EditData> = {}) {
  return useMutation({ ...options, mutationFn: async (input: EditInput) => unwrap(await approveWithEditsAction(input)) });
}

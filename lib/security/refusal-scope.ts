import "server-only";
// One refused call, one security-log entry. The wrappers every entry point
// goes through (authedAction for server actions, apiHandler for route
// handlers) record refusals themselves, but code below them may already have
// recorded a more precise one (with the policy ids, the proposal) before
// throwing. The wrappers run the handler in a scope; recordRefusal counts into
// it, and the wrapper records only when nothing below it did.
import { AsyncLocalStorage } from "node:async_hooks";

export type RefusalScope = { recorded: number };

const storage = new AsyncLocalStorage<RefusalScope>();

export function newRefusalScope(): RefusalScope {
  return { recorded: 0 };
}

/** Runs `fn` in `scope`: refusals recorded anywhere below it are counted there. */
export function runInRefusalScope<T>(scope: RefusalScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

/** Called by recordRefusals: marks the current call as already logged. */
export function noteRecorded(count: number): void {
  const scope = storage.getStore();
  if (scope) scope.recorded += count;
}

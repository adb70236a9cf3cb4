// An in-process signal "these proposals changed (or are about to commit a
// change)". Every path that changes what an agent should hear about already
// calls enqueueProposalEvents inside its transaction; that call raises this
// signal, so long-polls in the same process look again at once instead of at
// their next database poll. It fires before the commit, so a listener must
// re-read (and look again shortly) rather than trust it. No database here.
type Listener = (proposalIds: readonly string[]) => void;

// On globalThis: the decision code (a server action's bundle) and the long-poll
// (a route handler's bundle) may each get their own copy of this module.
const holder = globalThis as { __countersignProposalChangeListeners?: Set<Listener> };
const listeners = (holder.__countersignProposalChangeListeners ??= new Set<Listener>());

export function announceProposalChanges(proposalIds: readonly string[]): void {
  if (proposalIds.length === 0) return;
  for (const listener of listeners) listener(proposalIds);
}

/** Returns the function that removes the listener. */
export function onProposalChanges(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Separation of duties: neither the agent's sponsor nor the person the
// proposal acts for may approve it. Rejecting stays open to them (it is the
// safe direction). A queue can switch the rule off for one-person installs.
export type SeparationSubject = {
  sponsorId: string;
  actorEmail: string | null;
  separationOfDuties: boolean;
};

/** Why this user may not approve this proposal, or null when they may. */
export function separationOfDutiesConflict(user: { id: string; email: string }, proposal: SeparationSubject): string | null {
  if (!proposal.separationOfDuties) return null;
  if (proposal.sponsorId === user.id) return "You sponsor the agent that proposed this; someone else must approve it.";
  if (proposal.actorEmail && proposal.actorEmail.toLowerCase() === user.email.toLowerCase()) {
    return "This proposal acts for you; someone else must approve it.";
  }
  return null;
}

// Shared by the server (lib/proposals/second-approver.ts) and client components.
export type SecondApprover = { editedBy: string; editedById: string };

export function secondApproverLabel(s: SecondApprover): string {
  return `edited by ${s.editedBy}, needs a second approver`;
}

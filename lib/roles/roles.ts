export const ROLES = ["viewer", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Global roles that may decide proposals (per-queue roles come with the permissions work). */
export function canDecide(user: { role: string }): boolean {
  return user.role === "approver" || user.role === "admin";
}

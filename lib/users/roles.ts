// Transitional: the roles moved to lib/roles/roles.ts (below auth, which needs them). Import from there.
export * from "@/lib/roles/roles";

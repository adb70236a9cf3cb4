// Transitional: the admin caller moved to lib/users/admin-caller.ts (users, agents, queues and
// tools all check it, so it sits below them). Import from there.
export * from "@/lib/users/admin-caller";

// Transitional: password hashing moved to lib/auth/passwords.ts (sign-in needs it). Import from there.
export * from "@/lib/auth/passwords";

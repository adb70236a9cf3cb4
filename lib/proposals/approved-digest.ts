// Transitional: the approved-digest rule moved to lib/approvals/approved-digest.ts. Import from there.
export * from "@/lib/approvals/approved-digest";

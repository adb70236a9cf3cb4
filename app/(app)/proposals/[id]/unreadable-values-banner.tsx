// A proposal row holding values no writer of Countersign stores (planted by
// SQL: text that is not JSON or not a date, a status outside the known set, the
// version in force without its row). The page shows what it can read and names
// the rest; deciding is refused on the server (load-for-decision.ts). A damaged
// row is itself audit-relevant: the receipt chain is how tampering is proven.
export function UnreadableValuesBanner({ fields }: { fields: string[] }) {
  return (
    <div
      role="alert"
      data-testid="unreadable-values-banner"
      className="rounded-md border border-red-400 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-semibold">Some stored values of this proposal cannot be read</p>
      <p className="mt-0.5 text-xs">
        Unreadable: <span className="font-mono">{fields.join(", ")}</span>. No writer of Countersign stores such values, so the row was
        probably changed directly in the database; those fields are shown as empty below, and this proposal cannot be decided. Check the
        receipt chain with <code className="font-mono">npm run cli -- receipts:verify</code> and compare with this proposal&apos;s receipts.
      </p>
    </div>
  );
}

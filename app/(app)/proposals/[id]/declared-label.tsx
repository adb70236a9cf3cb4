// Marks a value the agent declared and Countersign did not check (risk,
// acting-for), so an approver does not take it as the product's judgement.
// See docs/envelope-fields.md for which fields the server decides.
export function DeclaredLabel({ what }: { what: string }) {
  const explanation = `Declared by the agent: Countersign records the ${what} as sent and does not check it.`;
  return (
    <span
      data-declared={what}
      title={explanation}
      className="rounded px-1 py-0.5 text-[10px] font-medium uppercase tracking-wide text-zinc-600 ring-1 ring-inset ring-dashed ring-zinc-400 dark:text-zinc-300 dark:ring-zinc-600"
    >
      declared
      <span className="sr-only"> by the agent: Countersign does not check the {what}</span>
    </span>
  );
}

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading receipts" className="space-y-2">
      <div className="h-6 w-48 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      <div className="h-16 w-full animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      <div className="h-8 w-full animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      {Array.from({ length: 14 }, (_, i) => (
        <div key={i} className="h-10 w-full animate-pulse rounded bg-zinc-50 dark:bg-zinc-900/60" />
      ))}
    </div>
  );
}

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the queue" className="space-y-2">
      <div className="h-9 w-full animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      {Array.from({ length: 12 }, (_, i) => (
        <div key={i} className="h-11 w-full animate-pulse rounded bg-zinc-50 dark:bg-zinc-900/60" />
      ))}
    </div>
  );
}

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the proposal" className="space-y-4">
      <div className="space-y-2">
        <div className="h-3 w-40 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
        <div className="h-7 w-2/3 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
        <div className="grid grid-cols-6 gap-4">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="h-10 animate-pulse rounded bg-zinc-50 dark:bg-zinc-900/60" />
          ))}
        </div>
      </div>
      <div className="h-12 animate-pulse rounded-md bg-zinc-50 dark:bg-zinc-900/60" />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_360px]">
        <div className="space-y-4">
          <div className="h-64 animate-pulse rounded-md bg-zinc-50 dark:bg-zinc-900/60" />
          <div className="h-48 animate-pulse rounded-md bg-zinc-50 dark:bg-zinc-900/60" />
        </div>
        <div className="space-y-4">
          <div className="h-32 animate-pulse rounded-md bg-zinc-50 dark:bg-zinc-900/60" />
          <div className="h-64 animate-pulse rounded-md bg-zinc-50 dark:bg-zinc-900/60" />
        </div>
      </div>
    </div>
  );
}

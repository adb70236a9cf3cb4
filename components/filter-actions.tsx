import Link from "next/link";

/** The end of a GET filter form: submit, and a way back to the unfiltered view when filters are on. */
export function FilterActions({ active, resetHref }: { active: boolean; resetHref: string }) {
  return (
    <div className="flex items-center gap-2 pb-px">
      <button
        type="submit"
        className="h-8 rounded-md bg-zinc-900 px-3 text-sm font-medium text-white hover:bg-zinc-700 focus:outline-none focus:ring-2 focus:ring-blue-600/40 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-white"
      >
        Apply filters
      </button>
      {active && (
        <Link href={resetHref} className="text-sm text-blue-700 hover:underline dark:text-blue-400">
          Reset filters
        </Link>
      )}
    </div>
  );
}

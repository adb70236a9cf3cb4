import Link from "next/link";

export default function ProposalNotFound() {
  return (
    <main className="mx-auto max-w-xl space-y-2 py-16 text-center">
      <h1 className="text-lg font-semibold">Proposal not found</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        There is no proposal with this id. It may have been mistyped, or the link may point to another Countersign instance.
      </p>
      <p>
        <Link href="/queue" className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
          Back to the queue
        </Link>
      </p>
    </main>
  );
}

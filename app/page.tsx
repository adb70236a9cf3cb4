import Link from "next/link";

export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Countersign</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        AI agents propose actions; people approve them; every decision leaves a receipt.
      </p>
      <ul className="mt-8 space-y-2 text-sm">
        <li>
          <Link className="text-blue-700 underline dark:text-blue-400" href="/queue">
            Open the queue
          </Link>
        </li>
        <li>
          Agents: <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">POST /api/v1/proposals</code> with a Bearer API key.
        </li>
      </ul>
    </main>
  );
}

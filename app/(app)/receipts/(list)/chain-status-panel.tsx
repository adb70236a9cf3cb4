// The receipt chain's state at the top of /receipts: intact through which
// receipt and signed when, or the first broken receipt in red. Computed by the
// verifier (lib/receipts/chain-status.ts caches it for 30 s, longer on long chains).
import Link from "next/link";
import { chainStatus } from "@/lib/receipts/chain-status";
import { ago, exact } from "@/lib/format-time";
import { link } from "@/components/ui/tokens";

const box = "rounded-md border px-3 py-2 text-sm";

export async function ChainStatusPanel() {
  const status = await chainStatus();
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();
  const checked = status.checkedAt.toISOString();
  const when = (
    <span className="text-xs text-zinc-500 dark:text-zinc-400">
      {" "}
      · checked <time dateTime={checked} title={exact(checked)}>{ago(checked, now)}</time>
    </span>
  );
  const tools = (
    <span className="text-xs">
      {" "}
      · <a href="/receipts/export?format=jsonl&kind=all" className={link} download>Export the full chain</a> ·{" "}
      <a href="/.well-known/jwks.json" className={link}>Public key (JWKS)</a>
    </span>
  );

  if ("error" in status) {
    return (
      <section aria-label="Receipt chain" role="status" className={`${box} border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200`}>
        The receipt chain could not be checked: {status.error}
        {when}
      </section>
    );
  }

  const { result } = status;
  if (result.firstBroken) {
    const { seq, id, problem } = result.firstBroken;
    return (
      <section aria-label="Receipt chain" role="alert" className={`${box} border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200`}>
        <p className="font-semibold">
          {result.firstBroken.unsigned ? (
            // Nothing signed vouches for old receipts: deleted checkpoints look exactly like this.
            "No signed checkpoint: the chain cannot be vouched for"
          ) : result.firstBroken.checkpoint ? (
            // A witnessed checkpoint gone, or a broken link between checkpoints: receipts may have been rewritten.
            `Checkpoint #${seq} missing or not matching: the chain cannot be vouched for`
          ) : (
            <>
              Chain broken at receipt{" "}
              {id ? (
                <Link href={`/receipts/${id}`} className="underline">
                  #{seq}
                </Link>
              ) : (
                `#${seq}`
              )}
            </>
          )}
        </p>
        <p className="mt-0.5">{problem}</p>
        <p className="mt-0.5 text-xs">
          Receipts before it check out ({result.checked.toLocaleString("en-US")}). Run <code className="font-mono">npm run cli -- receipts:verify</code> for the details.
          {when}
        </p>
      </section>
    );
  }

  const cp = result.lastCheckpoint;
  return (
    <section aria-label="Receipt chain" role="status" className={`${box} border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/30 dark:text-emerald-200`}>
      <p>
        {result.checked === 0 ? (
          "No receipts yet: the chain starts with the first one."
        ) : (
          <>
            <span className="font-medium">Chain intact through #{result.headSeq}</span>
            {" · "}
            {cp ? (
              <>
                last signed checkpoint #{cp.seq} at{" "}
                <time dateTime={cp.signed_at} title={exact(cp.signed_at)}>
                  {exact(cp.signed_at)}
                </time>
                {result.uncovered > 0 && ` (${result.uncovered.toLocaleString("en-US")} newer receipt${result.uncovered === 1 ? "" : "s"} not signed yet)`}
              </>
            ) : (
              "no signed checkpoint yet"
            )}
          </>
        )}
        {when}
        {tools}
      </p>
      {result.warnings.map((warning) => (
        <p key={warning} className="mt-1 text-amber-800 dark:text-amber-300">
          {warning}
        </p>
      ))}
    </section>
  );
}

// The policy sets admins applied, newest (in force) first; each earlier one can be restored.
import type { PolicyVersionRow } from "@/lib/policy/versions/list-policy-versions";
import { RestoreVersionButton } from "./restore-version-button";
import { card, td, th } from "@/components/ui/tokens";

export function PolicyVersions({ versions }: { versions: PolicyVersionRow[] }) {
  return (
    <section aria-labelledby="policy-versions" className={`${card} space-y-2`}>
      <h2 id="policy-versions" className="text-base font-semibold">Applied versions</h2>
      {versions.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No set has been applied here: the policy files are in force.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr>
              <th scope="col" className={th}>Applied</th>
              <th scope="col" className={th}>By</th>
              <th scope="col" className={th}>Digest</th>
              <th scope="col" className={th}>Reason</th>
              <th scope="col" className={th}><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v, i) => (
              <tr key={v.id} className="border-t border-zinc-200 dark:border-zinc-800">
                <td className={td}>
                  <time dateTime={v.createdAt.toISOString()}>{v.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                  {i === 0 && <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">in force</span>}
                </td>
                <td className={td}>{v.appliedBy}</td>
                <td className={`${td} font-mono text-xs`} title={v.digest}>{v.digest.slice(0, 12)}</td>
                <td className={td}>
                  {v.reason}
                  {v.restoredFromId && <span className="block text-xs text-zinc-500 dark:text-zinc-400">restores {v.restoredFromId}</span>}
                </td>
                <td className={td}>{i > 0 && <RestoreVersionButton id={v.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import type { Change } from "@/lib/proposals/envelope";
import { TextDiff } from "./text-diff";
import { ValueTree } from "@/components/value-tree";
import { AgentText } from "@/components/agent-text";

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-level diffs as tables, whole-text changes as a line diff, grouped by target. */
export function ChangesView({ changes }: { changes: Change[] }) {
  if (changes.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">The agent described no changes.</p>;
  return (
    <div className="space-y-4">
      {changes.map((change, i) => {
        const target = change.target;
        const name = target.label ?? `${target.type} ${target.id}`;
        return (
          <article key={i} aria-label={`Change to ${name}`} className="space-y-1.5">
            <h3 className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <span className="font-medium">
                <AgentText text={name} />
              </span>
              <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
                <AgentText text={target.type} /> · <AgentText text={target.id} />
                {target.version && (
                  <>
                    {" "}· read at version <AgentText text={target.version} />
                  </>
                )}
              </code>
            </h3>
            {"fields" in change ? (
              <table className="w-full table-fixed border-collapse text-left text-xs">
                <caption className="sr-only">Field changes to {name}</caption>
                <thead>
                  <tr className="border-b border-zinc-200 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
                    <th scope="col" className="w-1/4 py-1 pr-2 font-medium">Field</th>
                    <th scope="col" className="py-1 pr-2 font-medium">Before</th>
                    <th scope="col" className="py-1 font-medium">After</th>
                  </tr>
                </thead>
                <tbody>
                  {change.fields.map((f) => {
                    const changed = !same(f.before, f.after);
                    return (
                      <tr key={f.path} className={`border-b border-zinc-100 align-top dark:border-zinc-900 ${changed ? "" : "text-zinc-500 dark:text-zinc-400"}`}>
                        <th scope="row" className="break-words py-1 pr-2 font-mono font-normal">
                          <AgentText text={f.path} />
                          {!changed && <span className="sr-only"> (unchanged)</span>}
                        </th>
                        <td className={`py-1 pr-2 ${changed ? "bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-100" : "opacity-70"}`}>
                          {changed && <span className="sr-only">removed: </span>}
                          <Cell value={f.before} />
                        </td>
                        <td className={`py-1 ${changed ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100" : "opacity-70"}`}>
                          {changed && <span className="sr-only">added: </span>}
                          <Cell value={f.after} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ) : (
              <TextDiff before={change.before} after={change.after} label={name} />
            )}
          </article>
        );
      })}
    </div>
  );
}

function Cell({ value }: { value: unknown }) {
  return (
    <div className="px-1 font-mono [&_span]:text-inherit">
      <ValueTree value={value} />
    </div>
  );
}

import type { Change } from "@/lib/proposals/envelope";
import { LazyTextDiff } from "./lazy-text-diff";
import { formatNumber, isNumericChange, listDiff } from "@/lib/proposals/field-diff";
import { languageOfTarget } from "@/lib/text/code-language";
import { ValueTree } from "@/components/value-tree";
import { AgentText } from "@/components/agent-text";

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Field-level diffs as tables, whole-text changes as a line diff, grouped by
 * target. Numbers line up as figures (right-aligned, tabular); a list's change
 * reads as the items added and removed.
 */
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
                    const list = changed ? listDiff(f.before, f.after) : null;
                    const numeric = isNumericChange(f.before, f.after);
                    return (
                      <tr key={f.path} className={`border-b border-zinc-100 align-top dark:border-zinc-900 ${changed ? "" : "text-zinc-500 dark:text-zinc-400"}`}>
                        <th scope="row" className="break-words py-1 pr-2 font-mono font-normal">
                          <AgentText text={f.path} />
                          {!changed && <span className="sr-only"> (unchanged)</span>}
                        </th>
                        {list ? (
                          <td colSpan={2} className="py-1">
                            <ListChange diff={list} />
                          </td>
                        ) : (
                          <>
                            <td className={`py-1 pr-2 ${changed ? "bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-100" : "opacity-70"}`}>
                              {changed && <span className="sr-only">removed: </span>}
                              <Cell value={f.before} numeric={numeric} />
                            </td>
                            <td className={`py-1 ${changed ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100" : "opacity-70"}`}>
                              {changed && <span className="sr-only">added: </span>}
                              <Cell value={f.after} numeric={numeric} />
                            </td>
                          </>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ) : (
              <LazyTextDiff before={change.before} after={change.after} label={name} language={languageOfTarget(target)} />
            )}
          </article>
        );
      })}
    </div>
  );
}

function Cell({ value, numeric }: { value: unknown; numeric: boolean }) {
  const figure = numeric ? formatNumber(value) : null;
  if (figure !== null) {
    return (
      <div className="px-1 text-right font-mono tabular-nums" title={String(value)} data-figure>
        {figure}
      </div>
    );
  }
  return (
    <div className="px-1 font-mono [&_span]:text-inherit">
      <ValueTree value={value} />
    </div>
  );
}

function ListChange({ diff }: { diff: NonNullable<ReturnType<typeof listDiff>> }) {
  return (
    <ul className="space-y-0.5 px-1 font-mono" aria-label="List change">
      {diff.added.map((item, i) => (
        <li key={`a${i}`} className="bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100">
          <span aria-hidden="true">+ </span>
          <span className="sr-only">added: </span>
          <ValueTree value={item} />
        </li>
      ))}
      {diff.removed.map((item, i) => (
        <li key={`r${i}`} className="bg-red-50 text-red-900 line-through decoration-red-700/60 dark:bg-red-950/60 dark:text-red-100">
          <span aria-hidden="true">− </span>
          <span className="sr-only">removed: </span>
          <ValueTree value={item} />
        </li>
      ))}
      {diff.unchanged > 0 && <li className="text-zinc-600 dark:text-zinc-400">{diff.unchanged} unchanged {diff.unchanged === 1 ? "item" : "items"}</li>}
    </ul>
  );
}

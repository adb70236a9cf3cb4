// A JSON value as a readable, nested definition list (server-rendered, no script).
const MAX_DEPTH = 12;

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="text-zinc-500 dark:text-zinc-400">null</span>;
  if (typeof value === "string")
    return <span className="whitespace-pre-wrap break-all text-emerald-800 dark:text-emerald-300">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="text-blue-800 dark:text-blue-300">{value}</span>;
  if (typeof value === "boolean") return <span className="text-violet-800 dark:text-violet-300">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

export function JsonTree({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (value === null || typeof value !== "object") return <Scalar value={value} />;
  if (depth >= MAX_DEPTH) return <code className="break-all">{JSON.stringify(value)}</code>;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  if (entries.length === 0) return <span className="text-zinc-500 dark:text-zinc-400">{Array.isArray(value) ? "[ ]" : "{ }"}</span>;
  return (
    <dl className={`grid grid-cols-[minmax(0,max-content)_1fr] gap-x-3 gap-y-0.5 font-mono text-xs ${depth > 0 ? "border-l border-zinc-200 pl-3 dark:border-zinc-800" : ""}`}>
      {entries.map(([key, v]) => (
        <div key={key} className="contents">
          <dt className="text-zinc-600 dark:text-zinc-400">{Array.isArray(value) ? `[${key}]` : key}</dt>
          <dd className="min-w-0">
            <JsonTree value={v} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

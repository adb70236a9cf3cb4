// JSON values as a readable key/value tree: nested objects and arrays are
// indented under their key, scalars are typed by colour. Keys and strings go
// through AgentText (hidden characters shown, multi-line text as a block).
// No hooks, so it renders on the server.
import { AgentText } from "@/components/agent-text";

type Json = unknown;

const scalarClass = {
  string: "text-zinc-900 dark:text-zinc-100",
  number: "text-sky-700 dark:text-sky-300",
  boolean: "text-violet-700 dark:text-violet-300",
  null: "italic text-zinc-500 dark:text-zinc-400",
} as const;

export function Scalar({ value }: { value: Json }) {
  if (value === undefined) return <span className="italic text-zinc-500 dark:text-zinc-400">(absent)</span>;
  if (value === null) return <span className={scalarClass.null}>null</span>;
  if (typeof value === "string") {
    return value === "" ? (
      <span className="italic text-zinc-500 dark:text-zinc-400">(empty text)</span>
    ) : (
      <AgentText text={value} className={scalarClass.string} />
    );
  }
  if (typeof value === "number") return <span className={scalarClass.number}>{String(value)}</span>;
  if (typeof value === "boolean") return <span className={scalarClass.boolean}>{String(value)}</span>;
  return <span>{JSON.stringify(value)}</span>;
}

function isContainer(value: Json): value is Record<string, Json> | Json[] {
  return typeof value === "object" && value !== null;
}

/** A value: scalars inline, objects and arrays as an indented list. */
export function ValueTree({ value, label }: { value: Json; label?: string }) {
  if (!isContainer(value)) return <Scalar value={value} />;
  const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v]) : Object.entries(value);
  if (entries.length === 0) {
    return <span className="italic text-zinc-500 dark:text-zinc-400">{Array.isArray(value) ? "(empty list)" : "(no fields)"}</span>;
  }
  return (
    <dl aria-label={label} className="space-y-0.5 font-mono text-xs">
      {entries.map(([key, v]) => (
        <div key={key} className={isContainer(v) && Object.keys(v).length > 0 ? "" : "flex gap-2"}>
          <dt className="shrink-0 text-zinc-500 dark:text-zinc-400">
            <AgentText text={key} inline />
            {isContainer(v) && Object.keys(v).length > 0 ? "" : ":"}
          </dt>
          <dd className={isContainer(v) && Object.keys(v).length > 0 ? "ml-3 border-l border-zinc-200 pl-3 dark:border-zinc-800" : "min-w-0"}>
            <ValueTree value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

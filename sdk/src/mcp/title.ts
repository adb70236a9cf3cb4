// Proposal titles from a tool call: a template such as
// `Refund {{order_id}} ({{amount}})` filled from the call's arguments, or, with
// no template, the tool's name and its first arguments. A person reads the
// title in the queue, so it is one line and free of characters that hide or
// reorder text (Countersign refuses those in titles).

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;
// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width and other invisible format characters.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]/g;
const MISSING = "?";

/** Fills `{{name}}` and `{{a.b.0}}` from the arguments; a missing value shows as `?`. */
export function renderTemplate(template: string, args: Record<string, unknown>, max = 300): string {
  const text = template.replace(PLACEHOLDER, (_, path: string) => display(lookup(args, path)));
  return oneLine(text, max);
}

/** `refund_order(order_id: "A-1", amount: 30)`, cut to fit. */
export function defaultTitle(tool: string, args: Record<string, unknown>, max = 300): string {
  const parts = Object.entries(args).map(([key, value]) => `${key}: ${value === undefined ? MISSING : compact(value)}`);
  return oneLine(`${tool}(${parts.join(", ")})`, max);
}

/** Countersign's limit is 300 characters on a trimmed, non-empty title. */
export function oneLine(text: string, max = 300): string {
  const clean = text.replace(HIDDEN, " ").replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  return `${clean.slice(0, max - 1).trimEnd()}…`;
}

function lookup(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    // Own properties only: a template must not reach into prototypes.
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function display(value: unknown): string {
  if (value === undefined || value === null) return MISSING;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return compact(value);
}

function compact(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return MISSING;
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  } catch {
    return MISSING;
  }
}

import "server-only";
// A memo key for a Cedar request holding only what a policy set can observe
// of it (policy-reads.ts): the action, the types, every entity's attribute
// names (the request's shape, which request validation checks) with the
// values of the attributes the set reads, for the attributes it only compares
// with each other which values are equal, and the context the same way.
// Entity ids are renamed when no policy names an entity: the principal
// becomes "$0", the resource "$1", the next entity met "$2" and so on, and
// every reference follows, so `principal == resource.sponsor` still compares
// the same way (a renaming that keeps distinct ids distinct changes no answer
// of a policy that names no entity; what such a policy can tell entities
// apart by is their types and the attributes it reads, both in the key).
import type { CedarRequest } from "@/lib/policy/cedar-request";
import type { PolicyReads } from "@/lib/policy/policy-reads";

type Uid = { type: string; id: string };
type Label = (uid: Uid) => string;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const uidText = (uid: Uid) => `${uid.type}::${JSON.stringify(uid.id)}`;

export function projectedKey(request: CedarRequest, reads: PolicyReads): string {
  if (reads.opaque) return JSON.stringify(request);
  // Each distinct entity gets the next number in the order the key meets it (the principal first):
  // two requests with one key then differ only by a renaming of ids, which keeps distinct ids distinct.
  const seen = new Map<string, string>();
  const label: Label = reads.ids
    ? uidText
    : (uid) => {
        const text = uidText(uid);
        // Actions keep their ids: a policy may name one (`Action::"approve"`) without making ids matter.
        if (uid.type === "Action" || uid.type.endsWith("::Action")) return text;
        let name = seen.get(text);
        if (name === undefined) {
          name = `$${seen.size}`;
          seen.set(text, name);
        }
        return name;
      };
  const parts: unknown[] = [request.action, label(request.principal), request.principal.type, label(request.resource), request.resource.type];
  // Values only compared with each other (reads.equalityOnly) are numbered the same way: equal values, one number.
  const values = new Map<string, number>();
  const compared = (value: unknown) => {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return valueOf(value, label);
    const text = `${typeof value}:${String(value)}`;
    let n = values.get(text);
    if (n === undefined) {
      n = values.size;
      values.set(text, n);
    }
    // The type too: request validation checks it, and values of two types are never equal.
    return { q: n, t: typeof value };
  };
  const project = (attrs: Record<string, unknown>, whole: boolean) => {
    const out: unknown[] = [];
    for (const [name, value] of Object.entries(attrs)) {
      out.push(name, whole || reads.attrs.has(name) ? valueOf(value, label) : reads.equalityOnly.has(name) ? compared(value) : typeOf(value));
    }
    return out;
  };
  parts.push(project(request.context ?? {}, reads.wholeContext));
  for (const entity of request.entities) {
    const uid = entity.uid as Uid;
    parts.push(label(uid), uid.type, project((entity.attrs ?? {}) as Record<string, unknown>, false));
    parts.push(((entity.parents ?? []) as Uid[]).map(label));
  }
  return JSON.stringify(parts);
}

/** Every key of a record with its value. */
function record(attrs: Record<string, unknown>, label: Label): unknown[] {
  const out: unknown[] = [];
  for (const [name, value] of Object.entries(attrs)) out.push(name, valueOf(value, label));
  return out;
}

/** A read value, whole, with entity references renamed. */
function valueOf(value: unknown, label: Label): unknown {
  if (Array.isArray(value)) return value.map((v) => valueOf(v, label));
  if (!isObject(value)) return value;
  if (isObject(value.__entity)) return { e: label(value.__entity as Uid) };
  if ("__extn" in value) return value;
  return { r: record(value, label) };
}

/** What request validation sees of an unread value: its type (an entity reference's entity type). */
function typeOf(value: unknown): unknown {
  if (Array.isArray(value)) return ["set", ...new Set(value.map((v) => JSON.stringify(typeOf(v))))];
  if (!isObject(value)) return typeof value;
  if (isObject(value.__entity)) return ["entity", (value.__entity as Uid).type];
  if (isObject(value.__extn)) return ["extn", (value.__extn as { fn?: unknown }).fn];
  return ["record", ...Object.entries(value).map(([k, v]) => [k, typeOf(v)])];
}

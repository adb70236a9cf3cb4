import "server-only";
// What a policy set can observe of a request, from the policies' JSON form
// (Cedar's policyToJson): the attribute names it reads (`.attr`, `has attr`,
// on entities, records or context), whether it can tell entities apart by id
// (an entity literal such as `User::"alice"`, in a scope or a condition), and
// whether it uses the context whole. Two requests that agree on what a set
// can observe get the same answer from it (projected-key.ts), so a
// simulation over 100,000 proposals asks Cedar a few hundred questions.
//
// Fail safe: anything this walk does not understand (a slot, an unknown, a
// tag, an expression form it has not seen) makes the set `opaque`, and an
// opaque set is asked with the whole request as its key.
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import type { LoadedPolicies, PolicyAction } from "@/lib/policy/load-policies";

export type PolicyReads = {
  /** Attribute names whose values are read (`.attr`), on any entity, record or the context. */
  attrs: Set<string>;
  /**
   * Attribute names only ever compared with `==` / `!=` to another such
   * attribute (`resource.actorEmail == principal.email`): of their values only
   * which are equal to which matters. Not in `attrs`. A name only tested with
   * `has` is in neither: whether it is there is part of every key.
   */
  equalityOnly: Set<string>;
  /** A policy names an entity other than an action: the ids of the request's entities matter. */
  ids: boolean;
  /** The context is used other than by `context.attr` / `context has attr`: all of it matters. */
  wholeContext: boolean;
  /** Something the walk does not understand: only the whole request is a safe key. */
  opaque: boolean;
};

/** The reads of the policies that can answer `action` (those naming it, and those naming no action). */
export function policyReads(policies: LoadedPolicies, action: PolicyAction): PolicyReads {
  const reads = emptyReads();
  for (const policy of policies.policies) {
    if (policy.actions.length > 0 && !policy.actions.includes(action)) continue;
    const answer = cedar.policyToJson(policy.text);
    if (answer.type === "failure") {
      reads.opaque = true;
      continue;
    }
    readPolicy(answer.json as unknown as Json, reads);
  }
  return finish(reads);
}

/** While reading: the pairs of attribute names compared with each other. */
export type Reading = PolicyReads & { compared: [string, string][] };

export const emptyReads = (): Reading => ({ attrs: new Set(), equalityOnly: new Set(), compared: [], ids: false, wholeContext: false, opaque: false });

/**
 * A name is compared-only when every use compares it with another
 * compared-only name; one compared with a read name is read too (its value
 * then matters against that one's).
 */
export function finish(reads: Reading): PolicyReads {
  let changed = true;
  while (changed) {
    changed = false;
    for (const [a, b] of reads.compared) {
      if (reads.attrs.has(a) !== reads.attrs.has(b)) {
        reads.attrs.add(a);
        reads.attrs.add(b);
        changed = true;
      }
    }
  }
  const equalityOnly = new Set(reads.compared.flat().filter((name) => !reads.attrs.has(name)));
  return { attrs: reads.attrs, equalityOnly, ids: reads.ids, wholeContext: reads.wholeContext, opaque: reads.opaque };
}

type Json = { [key: string]: unknown };

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** A policy in Cedar's JSON form: its scope, then its conditions. */
export function readPolicy(policy: Json, reads: Reading): void {
  readScope(policy.principal, reads);
  readScope(policy.resource, reads);
  // The action scope names Action entities only, which are not renamed (the request's action is in every key).
  if (!isObject(policy.action)) reads.opaque = true;
  const conditions = policy.conditions;
  if (!Array.isArray(conditions)) {
    reads.opaque = true;
    return;
  }
  for (const condition of conditions) {
    if (!isObject(condition) || (condition.kind !== "when" && condition.kind !== "unless")) reads.opaque = true;
    else readExpr(condition.body, reads);
  }
}

function readScope(scope: unknown, reads: Reading): void {
  if (!isObject(scope)) {
    reads.opaque = true;
    return;
  }
  if (scope.op === "All") return;
  // `principal is User`: a type, never an id.
  if (scope.op === "is" && typeof scope.entity_type === "string" && scope.in === undefined) return;
  // `== User::"a"`, `in Queue::"q"`, `is T in E` name an entity; a slot is a template's (never loaded here).
  if ((scope.op === "==" || scope.op === "in" || scope.op === "is") && !("slot" in scope) && !(isObject(scope.in) && "slot" in scope.in)) {
    reads.ids = true;
    return;
  }
  reads.opaque = true;
}

const BINARY = new Set(["==", "!=", "in", "<", "<=", ">", ">=", "&&", "||", "+", "-", "*", "contains", "containsAll", "containsAny"]);
const UNARY = new Set(["!", "neg", "isEmpty"]);

function readExpr(expr: unknown, reads: Reading): void {
  if (!isObject(expr)) {
    reads.opaque = true;
    return;
  }
  const keys = Object.keys(expr);
  if (keys.length !== 1) {
    reads.opaque = true;
    return;
  }
  const op = keys[0]!;
  const arg = expr[op];
  if (op === "Value") return readValue(arg, reads);
  if (op === "Var") {
    // A bare `context` (compared whole, or put in a set) exposes every key; `.attr` / `has` are handled below.
    if (arg === "context") reads.wholeContext = true;
    else if (arg !== "principal" && arg !== "action" && arg !== "resource") reads.opaque = true;
    return;
  }
  if (!isObject(arg) && !Array.isArray(arg)) {
    reads.opaque = true;
    return;
  }
  if (op === "." || op === "has") return readAccess(op, arg, reads, false);
  if ((op === "==" || op === "!=") && isObject(arg) && isAccess(arg.left) && isAccess(arg.right)) {
    // `a.x == b.y`: x and y are compared, not read (unless read elsewhere, see finish).
    const x = arg.left["."] as Json;
    const y = arg.right["."] as Json;
    reads.compared.push([x.attr as string, y.attr as string]);
    readAccess(".", x, reads, true);
    readAccess(".", y, reads, true);
    return;
  }
  if (BINARY.has(op)) {
    if (!isObject(arg)) return void (reads.opaque = true);
    readExpr(arg.left, reads);
    readExpr(arg.right, reads);
    return;
  }
  if (UNARY.has(op)) {
    if (!isObject(arg)) return void (reads.opaque = true);
    return readExpr(arg.arg, reads);
  }
  if (op === "like") {
    if (!isObject(arg)) return void (reads.opaque = true);
    return readExpr(arg.left, reads);
  }
  if (op === "is") {
    if (!isObject(arg) || typeof arg.entity_type !== "string") return void (reads.opaque = true);
    readExpr(arg.left, reads);
    if (arg.in !== undefined) readExpr(arg.in, reads);
    return;
  }
  if (op === "if-then-else") {
    if (!isObject(arg)) return void (reads.opaque = true);
    readExpr(arg.if, reads);
    readExpr(arg.then, reads);
    readExpr(arg.else, reads);
    return;
  }
  if (op === "Set") {
    if (!Array.isArray(arg)) return void (reads.opaque = true);
    for (const element of arg) readExpr(element, reads);
    return;
  }
  if (op === "Record") {
    if (!isObject(arg)) return void (reads.opaque = true);
    for (const value of Object.values(arg)) readExpr(value, reads);
    return;
  }
  // An extension function (`ip("…")`, `.isIpv4()`, `decimal`, `datetime`…): a pure function of its arguments.
  if (Array.isArray(arg) && /^[a-zA-Z_][a-zA-Z0-9_:]*$/.test(op) && !TAGS.has(op)) {
    for (const a of arg) readExpr(a, reads);
    return;
  }
  // Slots, unknowns, tags (getTag / hasTag read data no attribute name covers), and anything newer.
  reads.opaque = true;
}

const TAGS = new Set(["getTag", "hasTag"]);

/** `e.attr` with a single attribute name. */
const isAccess = (expr: unknown): expr is { ".": Json } => isObject(expr) && Object.keys(expr).length === 1 && isObject(expr["."]) && typeof expr["."].attr === "string";

/** `e.attr` (its value read, unless only `compared`) or `e has attr` / `e has a.b` (only whether it is there). */
function readAccess(op: "." | "has", arg: unknown, reads: Reading, compared: boolean): void {
  if (!isObject(arg)) return void (reads.opaque = true);
  const names = typeof arg.attr === "string" ? [arg.attr] : Array.isArray(arg.attr) ? arg.attr : null;
  if (!names || !names.every((n): n is string => typeof n === "string")) return void (reads.opaque = true);
  // `has a.b` reads a's value on the way to b.
  if (op === "." && !compared) for (const name of names) reads.attrs.add(name);
  if (op === "has") for (const name of names.slice(0, -1)) reads.attrs.add(name);
  // `context.role`: only that key of the context, not the whole of it.
  if (isObject(arg.left) && Object.keys(arg.left).length === 1 && arg.left.Var === "context") return;
  readExpr(arg.left, reads);
}

/** A literal: an entity in it (other than an action) makes ids matter. */
function readValue(value: unknown, reads: Reading): void {
  if (Array.isArray(value)) {
    for (const v of value) readValue(v, reads);
    return;
  }
  if (!isObject(value)) return;
  if ("__entity" in value) {
    const uid = value.__entity;
    if (!isObject(uid) || uid.type !== "Action") reads.ids = true;
    return;
  }
  if ("__extn" in value) return;
  for (const v of Object.values(value)) readValue(v, reads);
}

// Reads the Cedar policies (every *.cedar file in the policy folder), checks
// them and hands them to Cedar pre-parsed, once. Every problem is reported
// with its file, line and column and the offending line, so a bad edit stops
// start-up with a message a person can act on.
//
// Not marked server-only: scripts/check-env.ts (run before `next start`,
// without the react-server condition) loads the policies too. It reads files,
// so it can never end up in a browser bundle anyway.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import "@/lib/policy/wasm-call-guard";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { policyTextProblem } from "@/lib/policy/policy-nesting";
import { excerpt, positionAt, splitPolicies, type PolicyChunk } from "@/lib/policy/policy-source";
import type { CedarAnswer, CedarRequest } from "@/lib/policy/cedar-request";

/** The shipped policies; POLICY_DIR replaces this folder's *.cedar files. */
export const DEFAULT_POLICY_DIR = "lib/policy/cedar";
/** What Countersign tells Cedar about requests: part of the application, so always this file. */
export const SCHEMA_FILE = "lib/policy/cedar/countersign.cedarschema";

export const POLICY_ACTIONS = ["propose", "auto_approve", "approve", "reject", "require_approvals"] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

export type ActivePolicy = {
  id: string;
  /** The file, relative to the working folder when inside it. */
  file: string;
  line: number;
  effect: "permit" | "forbid";
  /** The actions it applies to; empty means every action. */
  actions: string[];
  /** The same, for reading: "approve, reject" or "every action". */
  action: string;
  annotations: Record<string, string>;
  /** The policy's source, exactly as written. */
  text: string;
  /** The comment right above it in the file. */
  comment: string;
};

export type LoadedPolicies = {
  /** The policy folder, absolute. */
  dir: string;
  /** The same for reading: relative to the working folder when inside it. */
  dirLabel: string;
  policies: ActivePolicy[];
  byId: ReadonlyMap<string, ActivePolicy>;
  /** Validator warnings (e.g. a policy that can never apply): reported, not fatal. */
  warnings: string[];
  /** Names under which Cedar keeps the parsed policy set and schema (statefulIsAuthorized). */
  policySetId: string;
  schemaName: string;
  /**
   * Answers in place of Cedar, for a caller that asks this set very many
   * questions and keeps its own memo (the policy simulation:
   * lib/policy/simulate/projected-memo.ts). Never set for the live engine,
   * whose intake questions are remembered by cedar-request.ts's askRemembered.
   */
  answer?: (request: CedarRequest) => CedarAnswer;
};

export type PolicyProblem = { file: string; line?: number; column?: number; message: string };

export class PolicyError extends Error {
  constructor(readonly problems: PolicyProblem[]) {
    super(`Invalid Cedar policies; Countersign will not start until they are fixed:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "PolicyError";
  }
}

function formatProblem(p: PolicyProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `  - ${where}: ${p.message}`;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const MAX_APPROVALS = 20;

const cache = new Map<string, LoadedPolicies>();

/** Loads and checks the policies in `dir` (default: the shipped ones); cached after the first success. */
export function loadPolicyDir(dir: string = DEFAULT_POLICY_DIR): LoadedPolicies {
  // Read at run time from the working folder (or POLICY_DIR), on purpose: the
  // comment keeps the bundler from tracing the whole project for it.
  const absolute = path.resolve(/* turbopackIgnore: true */ dir);
  const hit = cache.get(absolute);
  if (hit) return hit;
  const loaded = readAndCheck(absolute);
  cache.set(absolute, loaded);
  return loaded;
}

type Source = { file: string; text: string };
type Parsed = { policy: ActivePolicy; chunk: PolicyChunk; source: Source };

function readAndCheck(dir: string): LoadedPolicies {
  const problems: PolicyProblem[] = [];
  const sources = readPolicyFiles(dir, problems);
  return checkSources(dir, sources, problems);
}

/**
 * Checks policies given as text (a candidate set from an editor, an upload or
 * the database) exactly as files are checked; not cached, since the same
 * label may carry other text next time. `file` names each source in errors.
 */
export function loadPolicySources(label: string, sources: { file: string; text: string }[]): LoadedPolicies {
  const problems: PolicyProblem[] = [];
  if (sources.length === 0) problems.push({ file: label, message: "no policies given; without policies every request is refused" });
  return checkSources(label, sources, problems);
}

function checkSources(dir: string, sources: Source[], problems: PolicyProblem[]): LoadedPolicies {
  const schema = readSchema(problems);
  const parsed: Parsed[] = [];
  for (const source of sources) parsed.push(...parsePolicyFile(source, problems));
  checkIds(parsed, problems);
  if (problems.length > 0 || !schema) throw new PolicyError(problems);

  const staticPolicies = Object.fromEntries(parsed.map((p) => [p.policy.id, p.chunk.text]));
  const warnings = validateAgainstSchema(schema, staticPolicies, parsed, problems);
  if (problems.length > 0) throw new PolicyError(problems);

  // Named by content: Next.js may load this module once per bundle while the
  // WebAssembly instance (and its cache of parsed sets) is shared, so equal
  // content must share a name and different content must never collide.
  const policySetId = `countersign-policies-${sha256(JSON.stringify(staticPolicies))}`;
  const schemaName = `countersign-schema-${sha256(schema.text)}`;
  const preparsed = [cedar.preparseSchema(schemaName, schema.text), cedar.preparsePolicySet(policySetId, { staticPolicies })];
  for (const answer of preparsed) {
    if (answer.type === "failure") throw new PolicyError(answer.errors.map((e) => ({ file: displayPath(dir), message: e.message })));
  }
  const policies = parsed.map((p) => p.policy);
  return { dir, dirLabel: path.isAbsolute(dir) ? displayPath(dir) : dir, policies, byId: new Map(policies.map((p) => [p.id, p])), warnings, policySetId, schemaName };
}

function readSchema(problems: PolicyProblem[]): Source | null {
  const file = displayPath(path.resolve(SCHEMA_FILE));
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(SCHEMA_FILE), "utf8");
  } catch (error) {
    problems.push({ file, message: `cannot read the Cedar schema (${(error as Error).message}); run Countersign from its project folder` });
    return null;
  }
  const answer = cedar.checkParseSchema(text);
  if (answer.type === "failure") {
    for (const error of answer.errors) problems.push(located({ file, text }, 0, error));
    return null;
  }
  return { file, text };
}

function readPolicyFiles(dir: string, problems: PolicyProblem[]): Source[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith(".cedar")).sort();
  } catch (error) {
    problems.push({ file: displayPath(dir), message: `cannot read the policy folder (${(error as Error).message}); check POLICY_DIR` });
    return [];
  }
  if (names.length === 0) {
    problems.push({ file: displayPath(dir), message: "no *.cedar policy files here; without policies every request is refused (check POLICY_DIR)" });
  }
  return names.map((name) => {
    const full = path.join(/* turbopackIgnore: true */ dir, name);
    return { file: displayPath(full), text: fs.readFileSync(full, "utf8") };
  });
}

/** Parses one file: syntax errors with their positions, then each policy's id, effect, actions and annotations. */
function parsePolicyFile(source: Source, problems: PolicyProblem[]): Parsed[] {
  // Measured before Cedar sees it: text nested too deep traps the shared WebAssembly instance (policy-nesting.ts).
  // A lone surrogate cannot cross into Cedar (its JSON reader throws, which was a 500): a problem at its place.
  const tooDeep = policyTextProblem(source.text);
  if (tooDeep) {
    const at = positionAt(source.text, Buffer.byteLength(source.text.slice(0, tooDeep.offset)));
    problems.push({ file: source.file, ...at, message: `${tooDeep.message}\n${excerpt(source.text, at)}` });
    return [];
  }
  const syntax = cedar.checkParsePolicySet({ staticPolicies: source.text });
  if (syntax.type === "failure") {
    const placed = syntax.errors.filter((error) => error.sourceLocations?.length);
    // Some errors (a template among static policies) name no place; parsing
    // policy by policy below finds where they are.
    if (placed.length > 0) {
      for (const error of placed) problems.push(located(source, 0, error));
      return [];
    }
  }
  const before = problems.length;
  const parsed = parseChunks(source, problems);
  if (syntax.type === "failure" && problems.length === before) {
    for (const error of syntax.errors) problems.push(located(source, 0, error));
  }
  return parsed;
}

function parseChunks(source: Source, problems: PolicyProblem[]): Parsed[] {
  const parsed: Parsed[] = [];
  for (const chunk of splitPolicies(source.text)) {
    const at = positionAt(source.text, chunk.byteOffset);
    const problem = (message: string) => problems.push({ file: source.file, ...at, message: `${message}\n${excerpt(source.text, at)}` });
    const answer = cedar.policyToJson(chunk.text);
    if (answer.type === "failure") {
      // e.g. a template (?principal / ?resource slots): only static policies are used.
      for (const error of answer.errors) problems.push(located(source, chunk.byteOffset, error));
      continue;
    }
    const json = answer.json;
    const annotations = json.annotations ?? {};
    const id = annotations.id;
    if (id === undefined) {
      problem('this policy has no @id("..."); every policy needs a unique id, which decisions and refusals record');
      continue;
    }
    if (!ID_PATTERN.test(id)) {
      problem(`@id("${id}") must be 1 to 100 letters, digits, dots, dashes, underscores or colons, starting with a letter or digit`);
      continue;
    }
    const actions = actionsOf(json.action);
    const policy: ActivePolicy = {
      id,
      file: source.file,
      line: at.line,
      effect: json.effect,
      actions,
      action: actions.length === 0 ? "every action" : actions.join(", "),
      annotations,
      text: chunk.text,
      comment: chunk.comment,
    };
    for (const message of quorumProblems(policy)) problem(`policy "${id}": ${message}`);
    parsed.push({ policy, chunk, source });
  }
  return parsed;
}

function actionsOf(constraint: cedar.ActionConstraint): string[] {
  if (constraint.op === "All") return [];
  if (constraint.op === "==") return "entity" in constraint ? [uidId(constraint.entity)] : [];
  return "entities" in constraint ? constraint.entities.map(uidId) : [uidId(constraint.entity)];
}

function uidId(uid: cedar.EntityUidJson): string {
  return "__entity" in uid ? uid.__entity.id : uid.id;
}

/**
 * The quorum is the highest @approvals among the require_approvals permits
 * that apply, so only permits may speak about it: a forbid there would deny
 * the question and silently drop the quorum to one.
 */
function quorumProblems(policy: ActivePolicy): string[] {
  const appliesToQuorum = policy.actions.length === 0 || policy.actions.includes("require_approvals");
  const approvals = policy.annotations.approvals;
  const problems: string[] = [];
  if (policy.effect === "forbid" && appliesToQuorum) {
    problems.push('a forbid cannot apply to require_approvals (the quorum is the highest @approvals among permits); limit its action, e.g. action == Action::"approve"');
  }
  if (approvals !== undefined) {
    if (policy.effect !== "permit" || policy.actions.length !== 1 || policy.actions[0] !== "require_approvals") {
      problems.push('@approvals belongs only on permits with action == Action::"require_approvals"');
    } else if (!/^[1-9][0-9]*$/.test(approvals) || Number(approvals) > MAX_APPROVALS) {
      problems.push(`@approvals("${approvals}") must be a whole number from 1 to ${MAX_APPROVALS}`);
    }
  } else if (policy.effect === "permit" && policy.actions.length === 1 && policy.actions[0] === "require_approvals") {
    problems.push('a require_approvals permit needs @approvals("N"): how many distinct people must approve');
  }
  return problems;
}

function checkIds(parsed: Parsed[], problems: PolicyProblem[]): void {
  const seen = new Map<string, Parsed>();
  for (const p of parsed) {
    const first = seen.get(p.policy.id);
    if (first) {
      const at = positionAt(p.source.text, p.chunk.byteOffset);
      problems.push({
        file: p.source.file,
        ...at,
        message: `duplicate @id("${p.policy.id}"), also used at ${first.policy.file}:${first.policy.line}; ids must be unique\n${excerpt(p.source.text, at)}`,
      });
    } else {
      seen.set(p.policy.id, p);
    }
  }
}

/** Strict validation against the schema: unknown attributes, wrong types, actions that do not exist. */
function validateAgainstSchema(schema: Source, staticPolicies: Record<string, string>, parsed: Parsed[], problems: PolicyProblem[]): string[] {
  const answer = cedar.validate({ schema: schema.text, policies: { staticPolicies }, validationSettings: { mode: "strict" } });
  if (answer.type === "failure") {
    for (const error of answer.errors) problems.push({ file: schema.file, message: error.message });
    return [];
  }
  const byId = new Map(parsed.map((p) => [p.policy.id, p]));
  const place = (policyId: string, error: cedar.DetailedError): PolicyProblem => {
    const p = byId.get(policyId);
    return p ? located(p.source, p.chunk.byteOffset, error) : { file: schema.file, message: error.message };
  };
  // In file order, whatever order Cedar reports them in.
  const found = answer.validationErrors.map(({ policyId, error }) => place(policyId, error));
  found.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  problems.push(...found);
  return answer.validationWarnings.map(({ policyId, error }) => formatProblem(place(policyId, error)).replace(/^ {2}- /, ""));
}

/** A Cedar error placed in its file: `offset` is where the parsed text starts in the file, in bytes. */
function located(source: Source, offset: number, error: cedar.DetailedError): PolicyProblem {
  const message = error.message.replace(/^failed to parse [a-z ]+? from string: /, "");
  const span = error.sourceLocations?.[0];
  const details = [span?.label, error.help].filter((s): s is string => Boolean(s));
  const text = details.length > 0 ? `${message} (${details.join("; ")})` : message;
  if (!span) return { file: source.file, message: text };
  const at = positionAt(source.text, offset + span.start);
  return { file: source.file, ...at, message: `${text}\n${excerpt(source.text, at)}` };
}

function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

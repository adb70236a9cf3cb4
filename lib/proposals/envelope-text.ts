// Where an envelope must hold exact, visible text: every object key at any
// depth (a zero-width space makes a second key that also reads "po"), and the
// fields an approver reads as names (title, tool, scope, queue, field path...).
// There, direction controls and invisible format characters are refused, and
// keys JavaScript treats specially (__proto__, constructor, prototype) too:
// they would be hashed into the digest and then dropped or misread in storage.
// Elsewhere (email bodies, field values, arguments) such characters are
// accepted and shown as markers (components/agent-text.tsx).
import type { IssueDetail } from "@/lib/base/json-path";
import { formatPath } from "@/lib/base/json-path";
import { MAX_JSON_DEPTH } from "@/lib/base/json-limits";
import { describeRefusedCharacter, firstRefusedCharacter } from "@/lib/text/hidden-characters";

export const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

type Path = (string | number)[];

/** The string fields whose values must be free of hidden characters, as paths with "*" for any index. */
const EXACT_FIELDS: Path[] = [
  ["title"],
  ["summary"],
  ["intent"],
  ["queue"],
  ["scopes", -1],
  ["plan", -1, "title"],
  ["plan", -1, "tool"],
  ["plan", -1, "scope"],
  ["changes", -1, "fields", -1, "path"],
];

function matches(pattern: Path, path: Path): boolean {
  return pattern.length === path.length && pattern.every((p, i) => (p === -1 ? typeof path[i] === "number" : p === path[i]));
}

/** Every key or exact field that holds a hidden character or a reserved name, with its path. */
export function envelopeTextIssues(body: unknown, maxIssues = 20): IssueDetail[] {
  const issues: IssueDetail[] = [];
  // One path, pushed and popped as the walk goes (as jsonValueIssues does): every intake
  // body passes here, and a new array per value was most of this walk's cost.
  const path: Path = [];
  const visit = (value: unknown): void => {
    if (issues.length >= maxIssues) return;
    if (typeof value === "string") {
      if (isExactField(path)) {
        const hidden = firstRefusedCharacter(value);
        if (hidden) issues.push({ path: formatPath(path), message: describeRefusedCharacter(hidden) });
      }
      return;
    }
    if (typeof value !== "object" || value === null) return;
    if (path.length >= MAX_JSON_DEPTH) {
      issues.push({ path: formatPath(path), message: `is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays` });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
      return;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (RESERVED_KEYS.has(key)) {
        issues.push({ path: formatPath([...path, key]), message: `key "${key}" is a reserved name and not allowed at any depth` });
        continue;
      }
      const hidden = firstRefusedCharacter(key);
      if (hidden) {
        // The path shows the character as an escape, so the message stays readable.
        issues.push({ path: formatPath([...path, escapeHidden(key)]), message: `key ${describeRefusedCharacter(hidden)}` });
        continue;
      }
      path.push(key);
      visit((value as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  visit(body);
  return issues;
}

function isExactField(path: Path): boolean {
  for (const pattern of EXACT_FIELDS) if (matches(pattern, path)) return true;
  return false;
}

function escapeHidden(key: string): string {
  let out = "";
  for (const ch of key) {
    out += firstRefusedCharacter(ch) ? `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}` : ch;
  }
  return out;
}

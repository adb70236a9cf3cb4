// Cedar's parser (@cedar-policy/cedar-wasm) recurses once per level of an
// expression on WebAssembly's own stack, which has a fixed size. A policy
// nested about 130 parentheses deep (some 260 characters), or chaining about
// 3,500 `&&`, 700 `if`s or 3,000 attribute reads, overflows it: the call traps
// ("memory access out of bounds"), and the shared WebAssembly instance is
// broken from then on, so every later policy decision of the process failed:
// one admin's paste into the policy lab (a simulation) turned every intake and
// decision into a 500 until a restart. Policy text is therefore measured here
// before Cedar sees any of it (load-policies.ts), and refused with a problem
// at its place when it could come near those depths. The bounds are far above
// what a readable policy needs and, together, well inside what the parser
// survives (measured: 120 parentheses, 3,000 `&&`, 600 `if`s passed).
//
// Validation is the tighter limit. A policy the parser takes, with `if`s
// around many attribute reads Cedar cannot find (each one an error per
// action), overflowed the thread's stack inside Cedar on its second or third
// check ("Maximum call stack size exceeded"), and after a few such overflows
// the instance trapped on every call, the shipped policies included: 64 `if`s
// around 140 reads did it, as did 16 around 180 (2026-12-02). Both bounds below
// were halved or more from there (16 around 125 reads, checked twelve times in
// a row, passed; policy-nesting.test.ts checks each shape at the bounds).

/** Levels of ( [ { open at once. */
export const MAX_POLICY_NESTING = 16;
/** `if`s in one policy (each is a level of the expression). */
export const MAX_POLICY_IFS = 16;
/** Operators and attribute reads in one policy (&&, ==, +, ., has, like, in, ...; each can be a level). */
export const MAX_POLICY_OPERATORS = 200;

const WORD_OPERATORS = new Set(["in", "has", "like", "is"]);

export type NestingProblem = { offset: number; message: string };

/** The first place where `text` goes past a bound, or null when every policy in it stays inside them. */
export function policyNestingProblem(text: string): NestingProblem | null {
  let depth = 0;
  let ifs = 0;
  let operators = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end + 1;
      continue;
    }
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") {
      if (++depth > MAX_POLICY_NESTING) return { offset: i, message: `nested more than ${MAX_POLICY_NESTING} levels of ( [ {: Cedar's parser cannot take much deeper, so split the condition` };
    } else if (ch === ")" || ch === "]" || ch === "}") {
      depth = Math.max(0, depth - 1);
    } else if (ch === ";" && depth === 0) {
      ifs = 0;
      operators = 0;
    } else if (/[A-Za-z_]/.test(ch)) {
      let end = i + 1;
      while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
      const word = text.slice(i, end);
      if (word === "if" && ++ifs > MAX_POLICY_IFS) return { offset: i, message: `more than ${MAX_POLICY_IFS} \`if\`s in one policy: Cedar's parser cannot take many more, so split the policy` };
      if (WORD_OPERATORS.has(word) && ++operators > MAX_POLICY_OPERATORS) return tooMany(i);
      i = end;
      continue;
    } else if ("&|=!<>+-*.".includes(ch)) {
      // A two-character operator (&&, ==, <=, ...) counts once.
      if ("&|=".includes(text[i + 1] ?? "") && "&|=!<>".includes(ch)) i++;
      if (++operators > MAX_POLICY_OPERATORS) return tooMany(i);
    }
    i++;
  }
  return null;
}

function tooMany(offset: number): NestingProblem {
  return { offset, message: `more than ${MAX_POLICY_OPERATORS} operators and attribute reads in one policy: Cedar cannot safely check many more, so split the policy` };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first place Cedar cannot take, or null: a lone UTF-16 surrogate (Cedar's JSON reader throws on it),
 * or nesting past the bounds above (which traps the shared instance). Every policy text is checked with
 * this before Cedar sees it: files and the policy lab (load-policies.ts), and standing approvals' stored
 * text (match-standing-approvals.ts), which anyone who can write to the database could plant.
 */
export function policyTextProblem(text: string): NestingProblem | null {
  const lone = LONE_SURROGATE.exec(text);
  if (lone) return { offset: lone.index, message: "holds a lone UTF-16 surrogate, which is not text: retype the character" };
  return policyNestingProblem(text);
}

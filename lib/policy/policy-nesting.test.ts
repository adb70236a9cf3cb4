// Policy text nested deep enough to overflow Cedar's WebAssembly stack is
// refused before Cedar parses it: the trap broke the shared instance, and every
// later policy decision in the process failed (policy-nesting.ts).
import { describe, expect, it } from "vitest";
import { loadPolicyDir, loadPolicySources, PolicyError } from "@/lib/policy/load-policies";
import { MAX_POLICY_IFS, MAX_POLICY_NESTING, MAX_POLICY_OPERATORS, policyNestingProblem } from "@/lib/policy/policy-nesting";

const when = (condition: string) => `@id("deep")\npermit(principal, action, resource) when { ${condition} };\n`;
const HOSTILE: Record<string, string> = {
  "200 parentheses": when(`${"(".repeat(200)}true${")".repeat(200)}`),
  "5,000 &&": when(Array(5000).fill("true").join(" && ")),
  "1,000 ifs": when(`${"if true then ".repeat(1000)}true${" else false".repeat(1000)}`),
  "5,000 attribute reads": when(`context${".a".repeat(5000)} == 1`),
  "a record 200 deep": when(`${"{a:".repeat(200)}1${"}".repeat(200)} has a`),
  "a set 200 deep": when(`${"[".repeat(200)}1${"]".repeat(200)}.contains(1)`),
};
const plain = [{ file: "plain.cedar", text: '@id("plain")\npermit(principal, action, resource);\n' }];

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicyError) return error.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    throw error;
  }
  return [];
}

describe("policy text too deep for Cedar", () => {
  it.each(Object.entries(HOSTILE))("%s is refused with its place, and Cedar still works afterwards", (_name, text) => {
    const problems = problemsOf(() => loadPolicySources("candidate", [{ file: "deep.cedar", text }]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^2:\d+ (nested more than|more than)/);
    // Without the bound the call above trapped inside Cedar, and this one failed with "memory access out of bounds".
    expect(loadPolicySources("candidate", plain).policies.map((p) => p.id)).toEqual(["plain"]);
  });

  it("a policy at every bound at once still parses, so the bounds sit inside what Cedar survives", () => {
    const ops = Array(MAX_POLICY_OPERATORS - 10).fill("true").join(" && ");
    const ifs = MAX_POLICY_IFS;
    // permit( and when { are a level each; the rest nests parentheses around if-chains around the && chain.
    const inner = `${"(".repeat(MAX_POLICY_NESTING - 2)}${"if true then ".repeat(ifs)}${ops}${" else false".repeat(ifs)}${")".repeat(MAX_POLICY_NESTING - 2)}`;
    const text = when(inner);
    expect(policyNestingProblem(text)).toBeNull();
    expect(problemsOf(() => loadPolicySources("candidate", [{ file: "edge.cedar", text }])).every((p) => !/memory|stack/i.test(p))).toBe(true);
    expect(loadPolicySources("candidate", plain).policies).toHaveLength(1);
  });

  it.each([
    ["(", ")"],
    ["[", "]"],
    ["{a:", "}"],
  ])("policies at the bounds with attribute reads Cedar cannot find (an error each), checked again and again, never break Cedar: %s", (open, close) => {
    // Each `context.a &&` is two operators. With 64 `if`s and 500 operators, the third check of such a
    // policy overflowed the stack inside Cedar, and a few checks later every call trapped, the shipped policies' too.
    const reads = Array(Math.floor(MAX_POLICY_OPERATORS / 2)).fill("context.a").join(" && ");
    const inner = `${open.repeat(MAX_POLICY_NESTING - 2)}${"if true then ".repeat(MAX_POLICY_IFS)}${reads}${" else false".repeat(MAX_POLICY_IFS)}${close.repeat(MAX_POLICY_NESTING - 2)}`;
    const text = when(open === "(" ? inner : `${inner} has a`);
    expect(policyNestingProblem(text)).toBeNull();
    for (let check = 0; check < 12; check++) {
      // problemsOf rethrows anything but a PolicyError (the overflow was a RangeError, then a RuntimeError).
      expect(problemsOf(() => loadPolicySources("candidate", [{ file: "edge.cedar", text }]))).not.toEqual([]);
    }
    expect(loadPolicyDir().policies.length).toBeGreaterThan(0);
  });

  it("the shipped policies stay inside the bounds, and comments and strings do not count", () => {
    expect(loadPolicyDir().policies.length).toBeGreaterThan(0);
    expect(policyNestingProblem(`// ${"(".repeat(500)}\npermit(principal, action, resource) when { context.x == "${"((((&&".repeat(500)}" };`)).toBeNull();
    const most = Array(MAX_POLICY_OPERATORS).fill("true").join(" && "); // one operator short of the bound
    expect(policyNestingProblem(`${when(most)}${when(most)}`)).toBeNull(); // counted per policy
  });

  it("a lone surrogate is a problem at its place, not a failure inside Cedar (its JSON reader threw: a 500)", () => {
    const problems = problemsOf(() => loadPolicySources("candidate", [{ file: "lone.cedar", text: when('context.x == "\ud800"') }]));
    expect(problems).toEqual([expect.stringMatching(/^2:\d+ holds a lone UTF-16 surrogate/)]);
    expect(loadPolicySources("candidate", plain).policies).toHaveLength(1);
  });
});

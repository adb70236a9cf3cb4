// Start-up's Cedar warm-up stops quietly at the first question Cedar refuses
// to answer (it must never stop a server); so check here that the shipped
// policies and schema answer every made-up question, or the warm-up would
// warm nothing and the first batch after a start would pay the compiler again.
import { describe, expect, test } from "vitest";
import { loadPolicyFiles } from "@/lib/policy/engine";
import { WARM_UP_QUESTIONS, warmUpPolicyEngine } from "@/lib/policy/warm-up";

describe("warmUpPolicyEngine", () => {
  test("the shipped policies answer every warm-up question", () => {
    expect(warmUpPolicyEngine(loadPolicyFiles())).toBe(WARM_UP_QUESTIONS);
  });

  test("a question Cedar cannot answer ends the warm-up without throwing", () => {
    const policies = loadPolicyFiles();
    let asked = 0;
    const answer = () => {
      asked += 1;
      if (asked > 3) throw new Error("refused");
      return { allowed: false, determining: [], errors: [] };
    };
    expect(warmUpPolicyEngine({ ...policies, answer })).toBe(3);
  });
});

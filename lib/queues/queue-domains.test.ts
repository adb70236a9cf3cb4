import { describe, expect, it } from "vitest";
import { WORKFLOWS } from "@/prisma/demo/workflows";
import { domainOfScope, queueDomainsSchema, queueNotAllowedMessage, splitDomainList, ungovernedDomains } from "@/lib/queues/queue-domains";

describe("queue domains", () => {
  it("a scope's domain is the scope without its tier", () => {
    expect(["ap:read", "ap:write:draft", "ap:commit", "crm.eu:commit", "it-ops:read"].map(domainOfScope)).toEqual(["ap", "ap", "ap", "crm.eu", "it-ops"]);
    expect(domainOfScope("AP:commit")).toBeNull();
  });

  it("finds every ungoverned domain, plan steps included, and fails closed on a malformed scope", () => {
    expect(ungovernedDomains(["ap:read", "ap:commit"], ["ap"])).toEqual([]);
    expect(ungovernedDomains(["crm:read", "ap:commit", "ap:read"], ["crm"])).toEqual(["ap"]);
    expect(ungovernedDomains(["iam:commit", "ap:commit"], [])).toEqual(["iam", "ap"]);
    expect(ungovernedDomains(["ap:root"], ["ap"])).toEqual(["ap:root"]);
  });

  it("validates domains as the contract spells them, with a readable message naming the bad one", () => {
    expect(queueDomainsSchema.parse(["procurement", "ap", "ap", "crm.eu", "it-ops"])).toEqual(["ap", "crm.eu", "it-ops", "procurement"]);
    for (const bad of ["AP", "ap:commit", "-ap", "ap.", "a b", "ap_x", "1ap"]) {
      const result = queueDomainsSchema.safeParse([bad]);
      expect(result.success, bad).toBe(false);
      expect(result.error!.issues[0]!.message).toContain(JSON.stringify(bad));
    }
    expect(queueDomainsSchema.safeParse([]).error!.issues[0]!.message).toMatch(/at least one scope domain/);
    expect(splitDomainList(" ap, procurement ,,crm  email")).toEqual(["ap", "procurement", "crm", "email"]);
  });

  it("the refusal names the queue and the domain", () => {
    expect(queueNotAllowedMessage("crm-updates", ["ap"], ["crm"])).toMatch(/^Queue crm-updates does not govern scope domain ap; it governs crm\./);
    expect(queueNotAllowedMessage("q", ["ap", "iam"], [])).toMatch(/^Queue q does not govern scope domains ap, iam; it governs no domain yet/);
  });

  it("every demo queue governs the domains of the agent that proposes into it", () => {
    for (const wf of WORKFLOWS) {
      expect(ungovernedDomains(wf.agent.scopes, wf.queue.domains), wf.queue.slug).toEqual([]);
      expect(queueDomainsSchema.parse(wf.queue.domains)).toEqual([...wf.queue.domains].sort());
    }
  });
});

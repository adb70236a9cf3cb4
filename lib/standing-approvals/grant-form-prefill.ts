// The grant form can be opened pre-filled from a link (a policy suggestion,
// a runbook): /admin/policies?grant=1&agent=<agent name or id>&queue=<slug>
// &tool=<tool>&equals.<arg>=<value>&one_of.<arg>=<a,b>&at_most.<arg>=<number>
// &period=total|day&max_count=<n>&max_amount=<n>&amount_arg=<arg>
// &expires_days=<n>&reason=<text>#standing-approvals
// Only fills the form: nothing is granted until an admin submits it, and the
// server checks every field again (standing-approval-input.ts). A value that
// is malformed is left out of the form and named in `problems`, so a hostile
// or mistyped link shows a readable note, never an error page.
import { firstValues, type SearchParams } from "@/lib/base/search-params";

export type GrantFormValues = {
  agent: string;
  queue: string;
  tool: string;
  constraints: { arg: string; op: "equals" | "one_of" | "at_most"; value: string }[];
  limitPeriod: "total" | "day";
  maxCount: string;
  maxAmount: string;
  amountArg: string;
  expiresDays: string;
  reason: string;
};

export type GrantFormPrefill = { values: GrantFormValues; problems: string[] };

export const EMPTY_GRANT_FORM: GrantFormValues = {
  agent: "",
  queue: "",
  tool: "",
  constraints: [],
  limitPeriod: "total",
  maxCount: "",
  maxAmount: "",
  amountArg: "",
  expiresDays: "30",
  reason: "",
};

export const MAX_PREFILL_CONSTRAINTS = 20;
const MAX_EXPIRES_DAYS = 3650;
const CONSTRAINT_KEY = /^(equals|one_of|at_most)\.(.*)$/;
const ARG_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const NUMBER = /^\d{1,9}(\.\d{1,4})?$/;
const WHOLE = /^\d{1,9}$/;

/** Shown in a note, so a hostile value is cut short and stripped of control characters. */
const shown = (value: string) => JSON.stringify(value.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 40));

/** The form's values from the page's query, with what was left out and why; null when the query does not ask for the form. */
export function grantFormPrefill(params: SearchParams): GrantFormPrefill | null {
  const first = firstValues(params);
  if (first.grant !== "1") return null;
  const problems: string[] = [];
  const text = (key: string, max: number) => {
    const value = (first[key] ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
    if (value.length > max) problems.push(`${key} is longer than ${max} characters: cut short.`);
    return value.slice(0, max);
  };
  const number = (key: string, pattern: RegExp, what: string) => {
    const value = first[key];
    if (value === undefined) return "";
    if (pattern.test(value)) return value;
    problems.push(`${key} ${shown(value)} is not ${what}: left empty.`);
    return "";
  };

  const constraints: GrantFormValues["constraints"] = [];
  for (const [key, value] of Object.entries(first)) {
    const match = CONSTRAINT_KEY.exec(key);
    if (!match) continue;
    const [, op, arg] = match as unknown as [string, GrantFormValues["constraints"][number]["op"], string];
    if (!ARG_NAME.test(arg)) problems.push(`The constraint ${shown(key)} names no valid argument (letters, digits, _ . - only): left out.`);
    else if (op === "at_most" && !NUMBER.test(value)) problems.push(`The limit on ${arg} ${shown(value)} is not a number: left out.`);
    else if (constraints.length >= MAX_PREFILL_CONSTRAINTS) problems.push(`More than ${MAX_PREFILL_CONSTRAINTS} constraints: ${arg} left out.`);
    else constraints.push({ op, arg, value: value.slice(0, 2000) });
  }
  let limitPeriod: GrantFormValues["limitPeriod"] = "total";
  if (first.period === "day") limitPeriod = "day";
  else if (first.period !== undefined && first.period !== "total") problems.push(`period ${shown(first.period)} is neither total nor day: total is used.`);
  let expiresDays = number("expires_days", WHOLE, "a whole number of days");
  if (expiresDays !== "" && (Number(expiresDays) < 1 || Number(expiresDays) > MAX_EXPIRES_DAYS)) {
    problems.push(`expires_days must be from 1 to ${MAX_EXPIRES_DAYS}: ${EMPTY_GRANT_FORM.expiresDays} is used.`);
    expiresDays = "";
  }
  return {
    values: {
      agent: text("agent", 200),
      queue: text("queue", 100),
      tool: text("tool", 200),
      constraints,
      limitPeriod,
      maxCount: number("max_count", WHOLE, "a whole number"),
      maxAmount: number("max_amount", NUMBER, "a number"),
      amountArg: text("amount_arg", 100),
      expiresDays: expiresDays || EMPTY_GRANT_FORM.expiresDays,
      reason: text("reason", 2000),
    },
    problems,
  };
}

/**
 * The agent and queue of a prefill held against what exists: the agent by id
 * or name becomes its id; an unknown one is cleared and named in `problems`.
 */
export function resolvePrefillChoices(
  prefill: GrantFormPrefill,
  choices: { agents: { id: string; name: string }[]; queues: { slug: string }[] },
): GrantFormPrefill {
  const { values } = prefill;
  const problems = [...prefill.problems];
  const agent = values.agent === "" ? undefined : choices.agents.find((a) => a.id === values.agent || a.name === values.agent);
  if (values.agent !== "" && !agent) problems.push(`No agent ${shown(values.agent)}: choose one.`);
  const queueKnown = values.queue === "" || choices.queues.some((q) => q.slug === values.queue);
  if (!queueKnown) problems.push(`No queue ${shown(values.queue)}: choose one.`);
  return { values: { ...values, agent: agent?.id ?? "", queue: queueKnown ? values.queue : "" }, problems };
}

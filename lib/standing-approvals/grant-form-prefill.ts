// The grant form can be opened pre-filled from a link (a policy suggestion,
// a runbook): /admin/policies?grant=1&agent=<agent name or id>&queue=<slug>
// &tool=<tool>&equals.<arg>=<value>&one_of.<arg>=<a,b>&at_most.<arg>=<number>
// &period=total|day&max_count=<n>&max_amount=<n>&amount_arg=<arg>
// &expires_days=<n>&reason=<text>#standing-approvals
// Only fills the form: nothing is granted until an admin submits it, and the
// server checks every field again. Unknown or malformed values are dropped.
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

const text = (value: string | undefined, max = 200) => (value ?? "").trim().slice(0, max);
const digits = (value: string | undefined) => (/^\d{1,9}(\.\d{1,4})?$/.test(value ?? "") ? value! : "");

/** The form's values from the page's query, or null when the query does not ask for the form. */
export function grantFormPrefill(params: SearchParams): GrantFormValues | null {
  const first = firstValues(params);
  if (first.grant !== "1") return null;
  const constraints: GrantFormValues["constraints"] = [];
  for (const [key, value] of Object.entries(first)) {
    const match = /^(equals|one_of|at_most)\.([A-Za-z0-9_.-]{1,100})$/.exec(key);
    if (match && value) constraints.push({ op: match[1] as "equals" | "one_of" | "at_most", arg: match[2]!, value: text(value, 2000) });
  }
  return {
    agent: text(first.agent),
    queue: text(first.queue, 100),
    tool: text(first.tool),
    constraints: constraints.slice(0, 20),
    limitPeriod: first.period === "day" ? "day" : "total",
    maxCount: digits(first.max_count),
    maxAmount: digits(first.max_amount),
    amountArg: text(first.amount_arg, 100),
    expiresDays: digits(first.expires_days) || EMPTY_GRANT_FORM.expiresDays,
    reason: text(first.reason, 2000),
  };
}

// "plan[0].scope" style paths, readable by the person fixing the agent.
// Shared by every body reader and validator, so all name a place the same way.
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out || "(body)";
}

/** One problem with an input, at a place named by formatPath. */
export type IssueDetail = { path: string; message: string };

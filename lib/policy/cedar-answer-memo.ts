// Intake asks Cedar the same few questions over and over: the request holds
// only the agent, the queue, tier, risk, intent, scopes and acting-for email
// (the proposal has no id yet), and the policy set and schema are named by
// their content (load-policies.ts). Cedar's answer is a pure function of the
// policies, the schema and what they can observe of the request
// (policy-reads.ts, projected-key.ts), so a question that agrees with an
// earlier one on all of that is answered from memory instead of crossing into
// WebAssembly (about a third of intake's CPU before). A new policy set has a
// new name, so an applied change is never answered from an old entry.
// Bounded: the oldest entries go first.
export const MEMO_ENTRIES = 4096;

export type Memo<T> = { get: (key: string) => T | undefined; set: (key: string, value: T) => void; size: () => number };

export function boundedMemo<T>(limit = MEMO_ENTRIES): Memo<T> {
  const entries = new Map<string, T>();
  return {
    get: (key) => entries.get(key),
    set: (key, value) => {
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      entries.set(key, value);
    },
    size: () => entries.size,
  };
}

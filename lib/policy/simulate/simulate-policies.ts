import "server-only";
// Dry-run on history: every question the live engine asked about the
// proposals and decisions of the period, asked again of a candidate policy set
// and of the live set, and what would have changed, grouped by queue, agent,
// intent and kind. Reads only; nothing changes until an admin applies a set.
import { AppError } from "@/lib/base/app-error";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { loadPolicies, type LoadedPolicies } from "@/lib/policy/engine";
import { askerFor } from "@/lib/policy/simulate/answer-questions";
import { CHANGE_KINDS, classifyChanges, type ChangeKind } from "@/lib/policy/simulate/classify-changes";
import { policySetDigest } from "@/lib/policy/simulate/policy-set-digest";
import { countHistory, readHistory } from "@/lib/policy/simulate/read-history";
import { refreshAppliedPolicies } from "@/lib/policy/versions/refresh-applied-policies";

export const MAX_DAYS = 3650;
/** Proposal ids listed per group; the count is always whole. */
export const IDS_PER_GROUP = 50;

export type ChangeGroup = {
  kind: ChangeKind;
  queue: string;
  agent: string;
  intent: string;
  count: number;
  /** Policies behind the candidate's answer (first seen). */
  policies: string[];
  /** An example of what changed, for reading. */
  detail: string;
  proposals: { id: string; title: string }[];
};

export type SimulationReport = {
  days: number;
  since: string;
  evaluated: number;
  decisions: number;
  changed: number;
  by_kind: Record<ChangeKind, number>;
  groups: ChangeGroup[];
  live: { digest: string; label: string; policies: number };
  candidate: { digest: string; label: string; policies: number };
  questions: number;
  /** The questions that reached Cedar; the others were answered from memory (answer-questions.ts). */
  cedarQuestions: number;
  seconds: number;
};

export type SimulateOptions = {
  candidate: LoadedPolicies;
  /** Default: the set in force (lib/policy/engine.ts). */
  live?: LoadedPolicies;
  days?: number;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
};

export async function simulatePolicies(caller: AdminCaller, options: SimulateOptions): Promise<SimulationReport> {
  adminActor(caller);
  const days = options.days ?? 30;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new AppError("invalid", "invalid_days", `--days must be a whole number from 1 to ${MAX_DAYS}.`);
  }
  const started = performance.now();
  if (!options.live) await refreshAppliedPolicies();
  const live = options.live ?? loadPolicies();
  const since = new Date((options.now ?? new Date()).getTime() - days * 86_400_000);
  const total = await countHistory(since);
  const askLive = askerFor(live);
  // The live set answers first for each proposal, so the candidate finds in its memo what both sets answer alike.
  const askCandidate = askerFor(options.candidate, askLive);
  const byKind = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const groups = new Map<string, ChangeGroup>();
  let evaluated = 0;
  let decisions = 0;
  let changed = 0;
  options.onProgress?.(0, total);
  for await (const page of readHistory(since)) {
    for (const h of page) {
      const changes = classifyChanges(h, askLive.answer(h), askCandidate.answer(h));
      evaluated += 1;
      decisions += h.decisions.length;
      if (changes.length === 0) continue;
      changed += 1;
      // A proposal counts once per kind, however many of its decisions changed.
      for (const kind of new Set(changes.map((c) => c.kind))) {
        byKind[kind] += 1;
        const first = changes.find((c) => c.kind === kind)!;
        const key = JSON.stringify([kind, h.facts.queueSlug, h.agent.name, h.facts.intent]);
        let group = groups.get(key);
        if (!group) {
          group = { kind, queue: h.facts.queueSlug, agent: h.agent.name, intent: h.facts.intent, count: 0, policies: first.policies, detail: first.detail, proposals: [] };
          groups.set(key, group);
        }
        group.count += 1;
        if (group.proposals.length < IDS_PER_GROUP) group.proposals.push({ id: h.facts.id, title: h.title });
      }
    }
    options.onProgress?.(evaluated, total);
  }
  const order = (k: ChangeKind) => CHANGE_KINDS.indexOf(k);
  return {
    days,
    since: since.toISOString(),
    evaluated,
    decisions,
    changed,
    by_kind: byKind,
    groups: [...groups.values()].sort((a, b) => order(a.kind) - order(b.kind) || b.count - a.count || a.queue.localeCompare(b.queue) || a.agent.localeCompare(b.agent) || a.intent.localeCompare(b.intent)),
    live: { digest: policySetDigest(live), label: live.dirLabel, policies: live.policies.length },
    candidate: { digest: policySetDigest(options.candidate), label: options.candidate.dirLabel, policies: options.candidate.policies.length },
    questions: askLive.questions + askCandidate.questions,
    cedarQuestions: askLive.cedar.cedar + askCandidate.cedar.cedar,
    seconds: (performance.now() - started) / 1000,
  };
}

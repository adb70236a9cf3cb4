import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { loadPolicies, type ActivePolicy } from "@/lib/policy/engine";
import { countRecentHistory } from "@/lib/policy/simulate/read-history";
import { listPolicyVersions } from "@/lib/policy/versions/list-policy-versions";
import { refreshAppliedPolicies } from "@/lib/policy/versions/refresh-applied-policies";
import { inlineLink } from "@/components/ui/tokens";
import { PolicyCard } from "./policy-card";
import { PolicyLab } from "./policy-lab";
import { PolicyVersions } from "./policy-versions";
import { suggestionDraftFor } from "@/lib/insights/suggestion-draft";
import { StandingApprovals } from "./standing-approvals";
import { listStandingApprovals, standingApprovalChoices } from "@/lib/standing-approvals/list-standing-approvals";
import { grantFormPrefill, resolvePrefillChoices } from "@/lib/standing-approvals/grant-form-prefill";
import type { SearchParams } from "@/lib/base/search-params";

export const metadata: Metadata = { title: "Policies" };

const code = "rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px] dark:bg-zinc-800";

// The questions Countersign asks the policies, in the order a proposal meets them.
const SECTIONS = [
  {
    title: "Proposing",
    actions: ["propose"],
    question: "May this agent send this proposal? A refusal is an HTTP 403 to the agent and an entry in the security log.",
    whenEmpty: "No policy permits proposing, so every proposal is refused.",
  },
  {
    title: "Approved by policy at intake",
    actions: ["auto_approve"],
    question: "Is the proposal approved at once, without a person? If not, it waits in the queue. A commit is never approved by policy.",
    whenEmpty: "No policy approves anything at intake, so every proposal waits for a person.",
  },
  {
    title: "Deciding",
    actions: ["approve", "reject"],
    question: "May this person approve or reject this proposal? context.role is their role on the proposal's queue.",
    whenEmpty: "No policy permits deciding, so nobody can approve or reject.",
  },
  {
    title: "Quorum",
    actions: ["require_approvals"],
    question: "How many different people must approve? The highest @approvals among the permits that apply, one when none does.",
    whenEmpty: "No quorum policy, so one approval decides every proposal.",
  },
] as const;

function sectionOf(policy: ActivePolicy): string {
  const section = SECTIONS.find((s) => policy.actions.some((a) => (s.actions as readonly string[]).includes(a)));
  return section?.title ?? "Every action";
}

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage("/admin/policies");
  const params = await searchParams;
  // A suggested standing approval opened from /admin/policies/suggestions: its draft is added to the editor, nothing else.
  const suggestion = await suggestionDraftFor(admin, params);
  const [standing, choices] = await Promise.all([listStandingApprovals(admin), standingApprovalChoices(admin)]);
  // The grant form opened from a link (a suggestion): what the link got wrong is shown, never thrown.
  const asked = grantFormPrefill(params);
  const prefill = asked && resolvePrefillChoices(asked, choices);
  await refreshAppliedPolicies();
  const loaded = loadPolicies();
  const versions = await listPolicyVersions(admin);
  const historySize = await countRecentHistory(30);
  // The set in force as one editable file: each policy with the comment that explains it.
  const inForce = loaded.policies.map((p) => `${p.comment ? p.comment.split("\n").map((l) => `// ${l}`).join("\n") + "\n" : ""}${p.text}`).join("\n\n") + "\n";
  const editorText = suggestion && "text" in suggestion ? `${inForce}\n${suggestion.text}` : inForce;
  const bySection = new Map<string, ActivePolicy[]>();
  for (const policy of loaded.policies) bySection.set(sectionOf(policy), [...(bySection.get(sectionOf(policy)) ?? []), policy]);
  const everyAction = bySection.get("Every action") ?? [];

  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <h1 className="text-lg font-semibold tracking-tight">Policies</h1>
        <p className="max-w-4xl text-sm text-zinc-700 dark:text-zinc-300">
          Who may propose, who may decide, which proposals need how many approvals and which are approved by policy at intake are{" "}
          <a href="https://docs.cedarpolicy.com" className={inlineLink}>
            Cedar
          </a>{" "}
          policies. These {loaded.policies.length} are in force, read from <code className={code}>{loaded.dirLabel}</code> at start-up. A forbid
          always wins over a permit, and nothing is allowed unless a permit applies. Every decision, refusal and approval by policy records the
          ids of the policies that determined it.
        </p>
        <div className="max-w-4xl rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300">
          <h2 className="font-medium text-zinc-900 dark:text-zinc-100">To change them</h2>
          <ol className="mt-1 list-decimal space-y-0.5 pl-5">
            <li>
              Edit the <code className={code}>*.cedar</code> files in <code className={code}>lib/policy/cedar</code>, or put your own in a
              folder and set <code className={code}>POLICY_DIR</code> to it. Every policy needs a unique <code className={code}>@id</code>.
            </li>
            <li>
              Check them: <code className={code}>npm run cli -- policies:check</code>. They are validated against{" "}
              <code className={code}>lib/policy/cedar/countersign.cedarschema</code>.
            </li>
            <li>Restart Countersign. An invalid policy stops start-up with a message naming its file and line, so a typo never runs.</li>
          </ol>
          <p className="mt-1">
            Or, without a restart: try a set below on the history, then apply it. An applied set is stored (with a receipt) and replaces the
            files on every instance within seconds; earlier versions can be restored.
          </p>
          <p className="mt-1">
            <a href="/admin/policies/suggestions" className={inlineLink}>
              Suggested standing approvals
            </a>{" "}
            learnt from what people always approve open here as drafts.
          </p>
        </div>
        {loaded.warnings.length > 0 && (
          <div role="note" className="max-w-4xl rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
            <h2 className="font-medium">Cedar&apos;s validator warns</h2>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 font-mono text-xs">
              {loaded.warnings.map((w) => (
                <li key={w} className="whitespace-pre-wrap">
                  {w}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>

      {suggestion && (
        <div role="note" className="max-w-4xl rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100">
          {"text" in suggestion
            ? `A suggested standing approval for ${suggestion.pattern.agentName} (${suggestion.pattern.intent}) is added at the end of the editor as a draft${prefill ? ", and the grant form below is filled in from what people approved" : ""}. Simulate it on the history, review the form; nothing changes unless you apply or grant it.`
            : suggestion.error}
        </div>
      )}
      {prefill && prefill.problems.length > 0 && (
        <div role="note" aria-labelledby="prefill-problems" className="max-w-4xl rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          <h2 id="prefill-problems" className="font-medium">
            The link&apos;s grant form values were not all usable
          </h2>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {prefill.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <PolicyLab initialText={editorText} initialFile="policies.cedar" historySize={historySize} />
      <PolicyVersions versions={versions} />
      <StandingApprovals views={standing} choices={choices} prefill={prefill?.values ?? null} />

      {SECTIONS.map((section) => {
        const policies = bySection.get(section.title) ?? [];
        return (
          <PolicySection key={section.title} title={section.title} question={section.question} actions={section.actions.join(", ")}>
            {policies.length === 0 ? (
              <p className="text-sm text-zinc-500 dark:text-zinc-400">{section.whenEmpty}</p>
            ) : (
              policies.map((p) => <PolicyCard key={p.id} policy={p} />)
            )}
          </PolicySection>
        );
      })}
      {everyAction.length > 0 && (
        <PolicySection title="Every action" question="These policies name no action, so Countersign asks them every question above." actions="all">
          {everyAction.map((p) => (
            <PolicyCard key={p.id} policy={p} />
          ))}
        </PolicySection>
      )}
    </div>
  );
}

function PolicySection({ title, question, actions, children }: { title: string; question: string; actions: string; children: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="space-y-2">
      <div>
        <h2 id={id} className="text-base font-semibold">
          {title} <span className="font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">{actions}</span>
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{question}</p>
      </div>
      {children}
    </section>
  );
}

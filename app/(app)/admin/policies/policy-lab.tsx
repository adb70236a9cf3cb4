"use client";
// The policy lab: edit or upload a candidate Cedar set, simulate it on the
// history, then apply it. Problems are shown under the editor as
// file:line:col, each a button that puts the cursor on the spot.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { SimulationReport } from "@/lib/policy/simulate/simulate-policies";
import type { PolicyProblem } from "@/lib/policy/load-policies";
import { KIND_LABELS } from "@/lib/policy/simulate/classify-changes";
import { applyPoliciesAction, simulatePoliciesAction } from "./actions";
import { ActionMessage, type Message } from "@/components/ui/action-message";
import { card, input, label, primaryButton, secondaryButton, td, th } from "@/components/ui/tokens";

const IDS_SHOWN = 5;

export function PolicyLab({ initialText, initialFile, historySize }: { initialText: string; initialFile: string; historySize: number }) {
  const router = useRouter();
  const editor = useRef<HTMLTextAreaElement>(null);
  const [file, setFile] = useState(initialFile);
  const [text, setText] = useState(initialText);
  const [days, setDays] = useState(30);
  const [problems, setProblems] = useState<PolicyProblem[]>([]);
  const [report, setReport] = useState<SimulationReport | null>(null);
  const [simulatedText, setSimulatedText] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [simulating, startSimulate] = useTransition();
  const [applying, startApply] = useTransition();
  const sources = [{ file, text }];

  const goTo = (p: PolicyProblem) => {
    const area = editor.current;
    if (!area || p.line === undefined) return;
    const lines = text.split("\n");
    const offset = lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + (p.column ?? 1) - 1;
    area.focus();
    area.setSelectionRange(offset, offset);
  };

  return (
    <section aria-labelledby="policy-lab" className={`${card} space-y-3`}>
      <div>
        <h2 id="policy-lab" className="text-base font-semibold">Try a change on history</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Edit the policies below or upload a <code>.cedar</code> file, then simulate: every question Countersign asked about the proposals and
          decisions of the period is asked again, of this set and of the set in force. Nothing changes until you apply.
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="policy-file" className={label}>File name</label>
          <input id="policy-file" value={file} onChange={(e) => setFile(e.target.value)} className={`${input} mt-1 w-56 font-mono`} />
        </div>
        <div>
          <label htmlFor="policy-upload" className={label}>Upload a .cedar file</label>
          <input
            id="policy-upload"
            type="file"
            accept=".cedar,text/plain"
            className="mt-1 block text-sm"
            onChange={async (e) => {
              const chosen = e.target.files?.[0];
              if (!chosen) return;
              setFile(chosen.name.endsWith(".cedar") ? chosen.name : `${chosen.name}.cedar`);
              setText(await chosen.text());
              setProblems([]);
              setReport(null);
            }}
          />
        </div>
        <div>
          <label htmlFor="policy-days" className={label}>Days of history</label>
          <input id="policy-days" type="number" min={1} max={3650} value={days} onChange={(e) => setDays(Number(e.target.value))} className={`${input} mt-1 w-24`} />
        </div>
      </div>
      <div>
        <label htmlFor="policy-text" className={label}>Policies</label>
        <textarea
          id="policy-text"
          ref={editor}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          rows={18}
          aria-invalid={problems.length > 0}
          aria-describedby={problems.length > 0 ? "policy-problems" : undefined}
          className="mt-1 w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      {problems.length > 0 && (
        <div id="policy-problems" role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200">
          <h3 className="font-medium">{problems.length === 1 ? "1 problem" : `${problems.length} problems`}: nothing was simulated or applied</h3>
          <ul className="mt-1 space-y-1">
            {problems.map((p, i) => (
              <li key={i}>
                <button type="button" onClick={() => goTo(p)} className="text-left font-mono text-xs underline">
                  {p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`}
                </button>{" "}
                <span className="whitespace-pre-wrap font-mono text-xs">{p.message.split("\n")[0]}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={primaryButton}
          disabled={simulating}
          onClick={() => {
            setMessage(null);
            startSimulate(async () => {
              const result = await simulatePoliciesAction({ sources, days });
              if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
              setProblems(result.data.problems ?? []);
              setReport(result.data.report);
              setSimulatedText(result.data.report ? text : null);
            });
          }}
        >
          {simulating ? "Simulating…" : "Simulate"}
        </button>
        {simulating && (
          <span className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <progress aria-label="Simulating" className="h-2 w-40" />
            asking the history again (up to {historySize.toLocaleString("en-US")} proposals)…
          </span>
        )}
      </div>
      {report && <SimulationResult report={report} />}
      {report && simulatedText === text && (
        <form
          className="flex flex-wrap items-end gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800"
          onSubmit={(e) => {
            e.preventDefault();
            const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
            setMessage(null);
            startApply(async () => {
              const result = await applyPoliciesAction({ sources, reason });
              if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
              if (result.data.problems) return setProblems(result.data.problems);
              const a = result.data.applied!;
              setMessage({ tone: "ok", text: `Applied as version ${a.id} (digest ${a.digest.slice(0, 12)}, was ${a.previousDigest.slice(0, 12)}); recorded as a receipt.` });
              setReport(null);
              router.refresh();
            });
          }}
        >
          <div>
            <label htmlFor="apply-reason" className={label}>Reason (goes into the receipt)</label>
            <input id="apply-reason" name="reason" required className={`${input} mt-1 w-96`} />
          </div>
          <button type="submit" className={secondaryButton} disabled={applying}>
            {applying ? "Applying…" : "Apply this set"}
          </button>
        </form>
      )}
      <ActionMessage message={message} />
    </section>
  );
}

function SimulationResult({ report }: { report: SimulationReport }) {
  return (
    <div aria-live="polite" className="space-y-2">
      <p className="text-sm" data-testid="simulation-summary">
        {report.evaluated.toLocaleString("en-US")} proposals and {report.decisions.toLocaleString("en-US")} decisions of the last {report.days} days
        evaluated in {report.seconds.toFixed(1)} s:{" "}
        <strong>{report.changed === 0 ? "nothing would have changed." : `${report.changed.toLocaleString("en-US")} would have gone differently.`}</strong>
      </p>
      {report.groups.length > 0 && (
        <table className="w-full text-sm">
          <caption className="sr-only">What would have changed</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>Change</th>
              <th scope="col" className={th}>Queue</th>
              <th scope="col" className={th}>Agent</th>
              <th scope="col" className={th}>Intent</th>
              <th scope="col" className={th}>Count</th>
              <th scope="col" className={th}>Proposals</th>
              <th scope="col" className={th}>Why (first)</th>
            </tr>
          </thead>
          <tbody>
            {report.groups.map((g) => (
              <tr key={`${g.kind}|${g.queue}|${g.agent}|${g.intent}`} className="border-t border-zinc-200 dark:border-zinc-800">
                <td className={td}>{KIND_LABELS[g.kind]}</td>
                <td className={td}>{g.queue}</td>
                <td className={td}>{g.agent}</td>
                <td className={`${td} font-mono text-xs`}>{g.intent}</td>
                <td className={`${td} tabular-nums`}>{g.count}</td>
                <td className={td}>
                  <ul>
                    {g.proposals.slice(0, IDS_SHOWN).map((p) => (
                      <li key={p.id}>
                        <a href={`/proposals/${p.id}`} className="text-blue-700 underline dark:text-blue-400">{p.title}</a>
                      </li>
                    ))}
                    {g.count > IDS_SHOWN && <li className="text-xs text-zinc-500 dark:text-zinc-400">and {g.count - IDS_SHOWN} more</li>}
                  </ul>
                </td>
                <td className={`${td} text-xs`}>{g.detail.split("\n")[0]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

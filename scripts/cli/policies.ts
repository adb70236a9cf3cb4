// `npm run cli -- policies:check`: validates the Cedar policies exactly as
// start-up does and lists what is in force. An invalid policy throws a
// PolicyError naming its file and line (the command exits non-zero).
import { loadPolicies } from "@/lib/policy/engine";
import { textTable } from "./table";

export function policiesCheckCommand(): string[] {
  const loaded = loadPolicies();
  const rows = loaded.policies.map((p) => [
    p.id,
    p.effect,
    p.action,
    `${p.file}:${p.line}`,
    p.annotations.approvals ? `needs ${p.annotations.approvals} approval${p.annotations.approvals === "1" ? "" : "s"}` : "",
  ]);
  const table = textTable(["ID", "EFFECT", "ACTION", "SOURCE", "QUORUM"], rows);
  return [
    `${loaded.policies.length} Cedar policies in ${loaded.dirLabel} are valid against the schema.`,
    ...table,
    ...loaded.warnings.map((w) => `warning: ${w}`),
  ];
}

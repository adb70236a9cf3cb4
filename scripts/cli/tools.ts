// The tool commands of the command line (scripts/cli.ts). tool:create's last
// line is the key, alone, so scripts can take it with `tail -1`.
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { createTool, listTools, revokeTool } from "@/lib/tools/manage-tools";
import { textTable } from "./table";

export async function toolCreateCommand(name: string): Promise<string[]> {
  const tool = await createTool(CLI_CALLER, { name });
  return [
    `Registered tool ${tool.name} (id ${tool.id}); recorded as a receipt.`,
    `Key prefix: ${tool.keyPrefix}. The tool key below is shown only once; store it where the tool reads its secrets.`,
    "The tool sends it as `Authorization: Bearer <key>` to POST /api/v1/approval-tokens/verify.",
    tool.key,
  ];
}

export async function toolListCommand(): Promise<string[]> {
  const tools = await listTools(CLI_CALLER);
  if (tools.length === 0) return ["No tools yet. Register one with: npm run cli -- tool:create --name N"];
  const rows = tools.map((t) => [t.name, t.prefix, t.createdAt.slice(0, 19).replace("T", " "), t.createdBy, t.lastUsedAt?.slice(0, 19).replace("T", " ") ?? "-", t.revokedAt ? "revoked" : "active"]);
  return textTable(["NAME", "KEY PREFIX", "CREATED (UTC)", "CREATED BY", "LAST USED", "STATE"], rows);
}

export async function toolRevokeCommand(name: string): Promise<string[]> {
  const result = await revokeTool(CLI_CALLER, { name });
  return [result.changed ? `Revoked tool ${result.name}: its key stops working now; recorded as a receipt.` : `Tool ${result.name} was already revoked.`];
}

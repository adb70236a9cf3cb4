import "server-only";
// Registering the tools that may redeem approval tokens online, from the
// command line (tool:create, tool:list, tool:revoke) and /admin/tools. Admin
// only, checked here whoever called. The key is returned once; only its hash
// is kept. Every creation and revocation is a receipt in the same transaction.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/base/app-error";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { generateToolKey } from "@/lib/tools/tool-keys";

export const toolName = z
  .string()
  .trim()
  .min(2, "a tool name has at least 2 characters")
  .max(64, "a tool name has at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, "letters, digits, dot, dash and underscore (e.g. erp-payments)");

export const createToolInput = z.strictObject({ name: toolName });
export const revokeToolInput = z.strictObject({ name: toolName });

export type ToolRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** Registers a tool with a new key; the key is in the result once and nowhere else. */
export async function createTool(caller: AdminCaller, raw: z.input<typeof createToolInput>, now = new Date()) {
  const actor = adminActor(caller);
  const parsed = createToolInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid", "invalid_input", parsed.error.issues.map((i) => i.message).join("; "));
  const { name } = parsed.data;
  const key = generateToolKey();
  return db.$transaction(async (tx) => {
    if (await tx.tool.findUnique({ where: { name }, select: { id: true } })) {
      throw new AppError("conflict", "conflict", `A tool named ${name} already exists. Revoke it and register the tool under a new name to get a new key.`);
    }
    const created = await tx.tool.create({
      data: { name, prefix: key.prefix, hash: key.hash, createdAt: now, createdBy: caller.id },
      select: { id: true, name: true },
    });
    await appendReceipt(tx, { kind: "tool_created", actor, at: now, payload: { tool_id: created.id, tool: created.name, key_prefix: key.prefix } });
    return { id: created.id, name: created.name, keyPrefix: key.prefix, key: key.key };
  });
}

/** Revokes a tool's key at once; the tool's past redemptions stay on record. */
export async function revokeTool(caller: AdminCaller, raw: z.input<typeof revokeToolInput>, now = new Date()) {
  const actor = adminActor(caller);
  const parsed = revokeToolInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid", "invalid_input", parsed.error.issues.map((i) => i.message).join("; "));
  return db.$transaction(async (tx) => {
    const tool = await tx.tool.findUnique({ where: { name: parsed.data.name }, select: { id: true, name: true, prefix: true } });
    if (!tool) throw new AppError("not_found", "not_found", `No tool named ${parsed.data.name}.`);
    // Guarded, so two revocations at once write one receipt.
    const won = await tx.tool.updateMany({ where: { id: tool.id, revokedAt: null }, data: { revokedAt: now } });
    if (won.count === 0) return { name: tool.name, changed: false };
    await appendReceipt(tx, { kind: "tool_revoked", actor, at: now, payload: { tool_id: tool.id, tool: tool.name, key_prefix: tool.prefix } });
    return { name: tool.name, changed: true };
  });
}

export async function listTools(caller: AdminCaller): Promise<ToolRow[]> {
  adminActor(caller);
  const tools = await db.tool.findMany({ orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }] });
  const userIds = [...new Set(tools.map((t) => t.createdBy).filter((id) => id !== "cli"))];
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  return tools.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy === "cli" ? "command line" : (users.get(t.createdBy) ?? t.createdBy),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}

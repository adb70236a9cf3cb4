// What an admin fills in to grant (or change) a standing approval, checked
// once here for the server action, the lib and the tests. Names and values
// go into generated Cedar text, so they are held to plain characters: no
// control characters, names from a small alphabet.
import { z } from "zod";

const plainText = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "no control characters");

export const ARG_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const argName = z.string().trim().regex(ARG_NAME, "an argument name: letters, digits and _ . - only");

/** Numbers Cedar's decimal holds exactly: up to 15 digits, up to 4 decimals. */
export const DECIMAL_TEXT = /^-?\d{1,15}(\.\d{1,4})?$/;

export const constraintSchema = z.discriminatedUnion("op", [
  z.strictObject({ arg: argName, op: z.literal("equals"), value: plainText }),
  z.strictObject({ arg: argName, op: z.literal("one_of"), value: z.array(plainText).min(1).max(50) }),
  z.strictObject({ arg: argName, op: z.literal("at_most"), value: z.string().trim().regex(DECIMAL_TEXT, "a number with at most 4 decimals") }),
]);

export type Constraint = z.infer<typeof constraintSchema>;

export const standingApprovalInput = z
  .strictObject({
    agentId: z.string().min(1).max(100),
    queue: z.string().min(1).max(100),
    tool: z.string().trim().regex(/^[A-Za-z0-9_.:-]{1,200}$/, "a tool name: letters, digits and _ . : - only"),
    constraints: z.array(constraintSchema).max(20),
    limitPeriod: z.enum(["total", "day"]),
    maxCount: z.number().int().min(1).max(1_000_000).nullable(),
    maxAmount: z.number().positive().max(1e15).nullable(),
    amountArg: argName.nullable(),
    expiresAt: z.coerce.date(),
    reason: z.string().trim().min(1, "say why").max(2000),
  })
  .refine((v) => v.maxCount !== null || v.maxAmount !== null, { message: "set a count limit, an amount limit or both", path: ["maxCount"] })
  .refine((v) => v.maxAmount === null || v.amountArg !== null, { message: "name the argument that holds the amount", path: ["amountArg"] });

export type StandingApprovalInput = z.infer<typeof standingApprovalInput>;

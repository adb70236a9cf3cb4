import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ROLES } from "@/lib/roles/roles";
import { MIN_PASSWORD_LENGTH, hashPassword } from "@/lib/auth/passwords";

export const createUserInput = z.object({
  email: z.email("must be an email address").transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, "is required").max(200),
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200).optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export class UserExistsError extends Error {}

export async function createUser(input: CreateUserInput, now = new Date()) {
  const data = createUserInput.parse(input);
  const existing = await db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw new UserExistsError(`A user with email ${data.email} already exists.`);
  return db.user.create({
    data: {
      email: data.email,
      name: data.name,
      role: data.role,
      passwordHash: data.password ? await hashPassword(data.password) : null,
      createdAt: now,
      updatedAt: now,
    },
    select: { id: true, email: true, name: true, role: true },
  });
}

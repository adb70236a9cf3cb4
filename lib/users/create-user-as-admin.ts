import "server-only";
// Creating a person, from the admin pages or the command line: the same input
// rules as everywhere (createUserInput), plus the admin check, and the user and
// a receipt naming who created them commit together.
import { AppError } from "@/lib/base/app-error";
import { db } from "@/lib/db/client";
import { adminActor, type AdminCaller } from "@/lib/users/admin-caller";
import { appendReceipt } from "@/lib/receipts/append-receipt";
import { createUserInput, type CreateUserInput } from "@/lib/users/create-user";
import { hashPassword } from "@/lib/auth/passwords";

export async function createUserAsAdmin(caller: AdminCaller, raw: CreateUserInput) {
  const actor = adminActor(caller);
  const input = createUserInput.parse(raw);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("conflict", "exists", `A user with email ${input.email} already exists.`);
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
    await appendReceipt(tx, {
      kind: "user_created",
      actor,
      payload: { user_id: user.id, email: user.email, name: user.name, role: user.role, password_set: passwordHash !== null },
    });
    return user;
  });
}

"use server";
// Server actions for the users page. authedAction re-reads the session; each
// lib function checks that the caller is an admin itself.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/authed-action";
import { createUserInput } from "@/lib/users/create-user";
import { createUserAsAdmin } from "@/lib/users/create-user-as-admin";
import { setMembership, setMembershipInput, setUserActive, setUserActiveInput, setUserRole, setUserRoleInput } from "@/lib/users/admin-changes";
import { forcePasswordReset, forcePasswordResetInput, unlinkSso, unlinkSsoInput } from "@/lib/users/sessions";

// An empty password field means "single sign-on only".
const createUserForm = createUserInput.extend({
  password: z.preprocess((v) => (v === "" ? undefined : v), createUserInput.shape.password),
});

export const createUserAction = authedAction(createUserForm, async (admin, input) => {
  const user = await createUserAsAdmin(admin, input);
  revalidatePath("/admin/users");
  return { email: user.email };
}, { name: "admin.create_user" });

export const setUserRoleAction = authedAction(setUserRoleInput, async (admin, input) => {
  const result = await setUserRole(admin, input);
  revalidatePath("/admin/users");
  return result;
}, { name: "admin.set_user_role" });

export const setUserActiveAction = authedAction(setUserActiveInput, async (admin, input) => {
  const result = await setUserActive(admin, input);
  revalidatePath("/admin/users");
  return result;
}, { name: "admin.set_user_active" });

export const setMembershipAction = authedAction(setMembershipInput, async (admin, input) => {
  const result = await setMembership(admin, input);
  revalidatePath("/admin/users");
  return result;
}, { name: "admin.set_membership" });

export const forcePasswordResetAction = authedAction(forcePasswordResetInput, async (admin, input) => {
  const result = await forcePasswordReset(admin, input);
  revalidatePath("/admin/users");
  return result;
}, { name: "admin.force_password_reset" });

export const unlinkSsoAction = authedAction(unlinkSsoInput, async (admin, input) => {
  const result = await unlinkSso(admin, input);
  revalidatePath("/admin/users");
  return result;
}, { name: "admin.unlink_sso" });

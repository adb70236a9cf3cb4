"use server";
// Server actions for the account page: the signed-in user's own password and sessions.
import { headers } from "next/headers";
import { authedAction } from "@/lib/actions/authed-action";
import { clientIp } from "@/lib/security/client-ip";
import { changeOwnPassword, changePasswordInput, endAllSessions } from "@/lib/users/sessions";
import { z } from "zod";

export const changePasswordAction = authedAction(
  changePasswordInput,
  async (user, input) => changeOwnPassword(user, input, clientIp(await headers())),
  // The one action open while an admin-forced reset is pending: it is how the reset is done.
  { name: "account.change_password", allowPendingReset: true },
);

export const signOutEverywhereAction = authedAction(z.object({}), async (user) => endAllSessions(user), {
  name: "account.sign_out_everywhere",
  allowPendingReset: true,
});

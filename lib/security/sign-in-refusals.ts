import "server-only";
// Refused sign-ins in the security log: wrong or unknown credentials, a
// disabled account, the attempt throttle (per email, address or in total), and single sign-on identities
// that map to no active user. The attempted email is the target, so an admin
// can see a password being guessed even for an address that has no account.
import { recordRefusal } from "@/lib/security/record-refusal";

export type SignInRefusalReason =
  | "unknown_user"
  | "wrong_password"
  | "account_disabled"
  | "throttled"
  | "throttled_address"
  | "throttled_global"
  | "sso_email_not_verified"
  | "sso_no_account"
  | "sso_identity_mismatch";

const DETAILS: Record<SignInRefusalReason, { code: string; rule: string; message: string }> = {
  unknown_user: { code: "sign_in_failed", rule: "password", message: "Sign-in refused: no account with this email." },
  wrong_password: { code: "sign_in_failed", rule: "password", message: "Sign-in refused: wrong password." },
  account_disabled: { code: "sign_in_failed", rule: "active_account", message: "Sign-in refused: the account is disabled." },
  throttled: { code: "sign_in_throttled", rule: "login_throttle", message: "Sign-in refused: too many attempts for this email." },
  throttled_address: { code: "sign_in_throttled", rule: "login_throttle_address", message: "Sign-in refused: too many attempts from this address." },
  throttled_global: { code: "sign_in_throttled", rule: "login_throttle_global", message: "Sign-in refused: too many sign-in attempts in total (global limit)." },
  sso_email_not_verified: { code: "sign_in_failed", rule: "sso_verified_email", message: "Single sign-on refused: the provider did not verify the email." },
  sso_no_account: { code: "sign_in_failed", rule: "sso_existing_account", message: "Single sign-on refused: no active account with this email." },
  sso_identity_mismatch: {
    code: "sign_in_failed",
    rule: "sso_pinned_identity",
    message: "Single sign-on refused: this account is pinned to another identity at the provider (a re-issued email cannot take it over).",
  },
};

export async function recordSignInRefusal(input: {
  email: string | null;
  user?: { id: string; email: string } | null;
  reason: SignInRefusalReason;
  method: "password" | "oidc";
  ip?: string | null;
}): Promise<void> {
  const details = DETAILS[input.reason];
  await recordRefusal({
    actor: input.user ? { type: "user", id: input.user.id, email: input.user.email } : { type: "anonymous" },
    action: input.method === "password" ? "sign_in:password" : "sign_in:oidc",
    target: input.email,
    ...details,
    ip: input.ip ?? null,
  });
}

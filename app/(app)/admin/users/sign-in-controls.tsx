"use client";
// How a user signs in, and the admin's two levers on it: force a password
// reset (their sessions end; at their next sign-in they must set a new
// password) and unlink the single sign-on identity the account is pinned to.
import { forcePasswordResetAction, unlinkSsoAction } from "./actions";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { smallButton } from "@/components/ui/tokens";

type Props = {
  user: { id: string; email: string; signIn: string; hasPassword: boolean; mustChangePassword: boolean; ssoIdentity: string | null };
};

export function SignInControls({ user }: Props) {
  const { message, busy, act } = useRefreshingAction();
  const run = (question: string, action: Parameters<typeof act>[0], done: string) => {
    if (window.confirm(question)) act(action, done);
  };
  return (
    <div className="space-y-1">
      <div>{user.signIn}</div>
      {user.mustChangePassword && <div className="font-medium text-amber-800 dark:text-amber-300">Password reset pending</div>}
      {user.ssoIdentity && (
        <div className="break-all text-zinc-500 dark:text-zinc-400" title="Single sign-on identity this account is pinned to">
          Linked: {user.ssoIdentity}
        </div>
      )}
      <div className="flex flex-wrap gap-1">
        {user.hasPassword && (
          <button
            type="button"
            disabled={busy}
            className={smallButton}
            onClick={() =>
              run(
                `Force ${user.email} to set a new password? Their sessions end now.`,
                () => forcePasswordResetAction({ userId: user.id }),
                "Reset forced: signed out, and a new password is required at their next sign-in.",
              )
            }
          >
            Force password reset<span className="sr-only"> for {user.email}</span>
          </button>
        )}
        {user.ssoIdentity && (
          <button
            type="button"
            disabled={busy}
            className={smallButton}
            onClick={() =>
              run(
                `Unlink ${user.email} from their single sign-on identity? The next verified sign-in with this email links it again.`,
                () => unlinkSsoAction({ userId: user.id }),
                "Unlinked: signed out; the next single sign-on with this email links the account again.",
              )
            }
          >
            Unlink single sign-on<span className="sr-only"> for {user.email}</span>
          </button>
        )}
      </div>
      <ActionMessage message={message} />
    </div>
  );
}

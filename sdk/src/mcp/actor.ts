// Whom the gateway's calls act for: the envelope's required `actor`. The
// person who runs the MCP client is the natural answer; approvers see it, and
// separation of duties keeps that person from approving their own calls.
import { hostname, userInfo } from "node:os";
import type { ActorConfig, GatewayConfig } from "./config.js";

export class ActorError extends Error {
  override readonly name = "ActorError";
}

/** `--actor-email` (or COUNTERSIGN_ACTOR_EMAIL), then the config's `actor`, then this machine's user. */
export function resolveActor(email: string | undefined, config: GatewayConfig, who: () => { user: string; host: string } = osUser): ActorConfig {
  if (email) {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ActorError(`--actor-email (or COUNTERSIGN_ACTOR_EMAIL) is not an email address: ${JSON.stringify(email)}.`);
    return { type: "user", id: email, email };
  }
  if (config.actor) return config.actor;
  const { user, host } = who();
  return { type: "user", id: `${user}@${host}`.slice(0, 200), name: user.slice(0, 200) };
}

function osUser(): { user: string; host: string } {
  let user = "unknown";
  try {
    user = userInfo().username || user;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return { user, host: hostname() };
}

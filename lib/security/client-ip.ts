// The caller's address, the one place it is worked out (sign-in throttle,
// security log and its coalescing all use it).
//
// X-Forwarded-For is written left to right: each proxy appends the address it
// received the request from. Anything left of what our own proxies appended is
// whatever the client chose to send, so it is never read. With
// TRUSTED_PROXY_HOPS = N the address is the Nth entry from the right (the one
// our outermost trusted proxy saw); with 0 (no proxy) it is the TCP peer.
//
// Next.js gives route handlers and server actions no socket address (there is
// no req.ip, and `next start` only fills X-Forwarded-For in when the client
// sent none), so lib/security/socket-address.ts copies each connection's peer
// address into a request header whose name is random per process: a client
// cannot send it, because it cannot know it.
import { env } from "@/lib/env";
import { peerAddressHeader } from "@/lib/security/socket-address";

type HeaderSource = Pick<Headers, "get"> | null | undefined;

/** The TCP peer of this request, when the server recorded it. */
export function peerAddress(headers: HeaderSource): string | null {
  const name = peerAddressHeader();
  const value = name ? headers?.get(name)?.trim() : undefined;
  return value ? normalize(value) : null;
}

/** The client address under `hops` trusted proxies (default TRUSTED_PROXY_HOPS); null when unknown. */
export function clientIp(headers: HeaderSource, hops: number = env().TRUSTED_PROXY_HOPS): string | null {
  if (!headers) return null;
  if (hops <= 0) return peerAddress(headers);
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return peerAddress(headers);
  // Fewer entries than trusted hops: every entry was written by a trusted proxy, so the leftmost is the furthest one known.
  return normalize(chain[Math.max(0, chain.length - hops)]!);
}

/** "::ffff:127.0.0.1" (an IPv4 peer on a dual-stack socket) is 127.0.0.1. */
function normalize(address: string): string {
  const plain = address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
  return plain.slice(0, 100);
}

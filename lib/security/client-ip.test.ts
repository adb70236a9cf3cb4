import { describe, expect, it } from "vitest";
import { clientIp, peerAddress } from "@/lib/security/client-ip";
import { installPeerAddressHeader, peerAddressHeader } from "@/lib/security/socket-address";

describe("client address under trusted proxy hops", async () => {
  await installPeerAddressHeader();
  const peer = peerAddressHeader()!;
  const spoofed = { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2", "x-real-ip": "7.7.7.7" };

  it("with no trusted proxy, is the TCP peer whatever X-Forwarded-For says", () => {
    expect(clientIp(new Headers({ ...spoofed, [peer]: "::ffff:192.0.2.1" }), 0)).toBe("192.0.2.1");
    expect(clientIp(new Headers(spoofed), 0)).toBeNull(); // no peer recorded: unknown, never the forwarded value
  });

  it("with N trusted proxies, is the Nth entry from the right, never the leftmost", () => {
    const headers = new Headers({ ...spoofed, [peer]: "10.0.0.3" });
    expect(clientIp(headers, 1)).toBe("10.0.0.2");
    expect(clientIp(headers, 2)).toBe("203.0.113.9");
    expect(clientIp(headers, 9)).toBe("6.6.6.6"); // fewer entries than hops: the furthest one a trusted proxy wrote
    expect(clientIp(new Headers({ [peer]: "10.0.0.3" }), 1)).toBe("10.0.0.3"); // nothing forwarded: the peer
  });

  it("cannot be forged by a client guessing the peer header", () => {
    expect(peer).toMatch(/^x-countersign-peer-[0-9a-f]{24}$/);
    expect(peerAddress(new Headers({ "x-countersign-peer": "6.6.6.6" }))).toBeNull();
  });
});

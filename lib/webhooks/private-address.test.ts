import { describe, expect, it } from "vitest";
import { isPrivateAddress, privateAddressKind, privateHostKind } from "@/lib/webhooks/private-address";

describe("privateAddressKind", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["169.254.169.254", "link-local (cloud metadata)"],
    ["10.0.0.5", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.100.100.200", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["[::1]", "loopback"],
    ["fc00::1", "unique-local (private)"],
    ["fd00:ec2::254", "unique-local (private)"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["ff02::1", "multicast"],
    // IPv6 spellings of IPv4 addresses are judged by the IPv4 address.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "link-local (cloud metadata)"],
    ["::10.0.0.1", "private"],
    ["64:ff9b::a9fe:a9fe", "link-local (cloud metadata)"],
    ["2002:c0a8:0101::1", "private"],
    // Local-use NAT64 (RFC 8215): a network's own translator, which reaches its private IPv4 addresses too.
    ["::ffff:0:7f00:1", "loopback"],
    ["::ffff:0:169.254.169.254", "link-local (cloud metadata)"],
    ["64:ff9b:1::a9fe:a9fe", "local-use NAT64"],
    ["64:ff9b:1:ffff::0a00:0001", "local-use NAT64"],
    ["not-an-ip", "not an IP address"],
    ["", "not an IP address"],
  ])("refuses %s (%s)", (address, kind) => {
    expect(privateAddressKind(address)).toBe(kind);
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "169.253.0.1", "2606:4700:4700::1111", "2001:db8::1", "::ffff:8.8.8.8", "::ffff:0:8.8.8.8", "2a00::1"])(
    "accepts the public address %s",
    (address) => {
      expect(privateAddressKind(address)).toBeNull();
    },
  );
});

describe("privateHostKind", () => {
  it.each([
    ["localhost", "an internal host name"],
    ["LOCALHOST.", "an internal host name"],
    ["app.localhost", "an internal host name"],
    ["metadata.google.internal", "an internal host name"],
    ["host.docker.internal", "an internal host name"],
    ["printer.local", "an internal host name"],
    ["nas.home.arpa", "an internal host name"],
    ["redis", "an internal host name (no domain)"],
    ["127.0.0.1", "loopback"],
    ["[::1]", "loopback"],
    ["[::ffff:a9fe:a9fe]", "link-local (cloud metadata)"],
  ])("refuses %s without a lookup", (host, kind) => {
    expect(privateHostKind(host)).toBe(kind);
  });

  it("leaves public-looking names to the lookup at delivery", () => {
    expect(privateHostKind("agent.example")).toBeNull();
    expect(privateHostKind("hooks.agent.example.com")).toBeNull();
    expect(privateHostKind("93.184.216.34")).toBeNull();
  });
});

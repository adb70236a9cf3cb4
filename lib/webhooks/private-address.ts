// Which webhook targets Countersign refuses to POST to. A callback URL is
// chosen by an agent (anyone holding an API key), and delivery errors are
// shown to admins, so without this an agent could make the server probe its
// own network: 127.0.0.1, the cloud metadata service at 169.254.169.254, a
// database on 10.0.0.5. Refused: loopback, private (RFC 1918, unique-local),
// link-local (includes the metadata endpoints), carrier-grade NAT,
// unspecified, multicast, reserved, local-use NAT64 (64:ff9b:1::/48); and IPv6
// forms that embed an IPv4 address (::ffff:127.0.0.1, ::ffff:0:127.0.0.1, 64:ff9b::a9fe:a9fe,
// 2002:7f00:1::) are judged by that address.
import { isIP } from "node:net";

type Range = { bytes: number[]; bits: number; kind: string };

const v4 = (cidr: string, kind: string): Range => {
  const [address, bits] = cidr.split("/");
  return { bytes: parseIpv4(address!)!, bits: Number(bits), kind };
};

const IPV4_RANGES: Range[] = [
  v4("0.0.0.0/8", "unspecified"),
  v4("10.0.0.0/8", "private"),
  v4("100.64.0.0/10", "carrier-grade NAT"),
  v4("127.0.0.0/8", "loopback"),
  v4("169.254.0.0/16", "link-local (cloud metadata)"),
  v4("172.16.0.0/12", "private"),
  v4("192.0.0.0/24", "reserved"),
  v4("192.168.0.0/16", "private"),
  v4("198.18.0.0/15", "reserved"),
  v4("224.0.0.0/4", "multicast"),
  v4("240.0.0.0/4", "reserved"),
];

const v6 = (prefix: number[], bits: number, kind: string): Range => ({ bytes: prefix, bits, kind });

const IPV6_RANGES: Range[] = [
  // Local-use NAT64 (RFC 8215): the network's own translator, free to reach its private IPv4
  // addresses; where the IPv4 address sits depends on the operator's prefix length, so all of it.
  v6([0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, "local-use NAT64"),
  v6([0xfc], 7, "unique-local (private)"),
  v6([0xfe, 0x80], 10, "link-local"),
  v6([0xfe, 0xc0], 10, "site-local (private)"),
  v6([0xff], 8, "multicast"),
];

function inRange(bytes: number[], range: Range): boolean {
  const full = Math.floor(range.bits / 8);
  for (let i = 0; i < full; i++) if (bytes[i] !== range.bytes[i]) return false;
  const rest = range.bits % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((bytes[full] ?? 0) & mask) === ((range.bytes[full] ?? 0) & mask);
}

function parseIpv4(address: string): number[] | null {
  const parts = address.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

/** The 16 bytes of an IPv6 address (as node:net's isIP accepts it, zone id allowed). */
function parseIpv6(address: string): number[] | null {
  let text = address.split("%")[0]!.toLowerCase();
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) becomes two hex groups.
  const dotted = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const b = parseIpv4(dotted[1]!);
    if (!b) return null;
    text = `${text.slice(0, dotted.index)}:${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

function ipv4Kind(bytes: number[]): string | null {
  if (bytes.every((b) => b === 255)) return "broadcast";
  return IPV4_RANGES.find((range) => inRange(bytes, range))?.kind ?? null;
}

function ipv6Kind(bytes: number[]): string | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 15) && bytes[15] === 0) return "unspecified";
  if (zeros(0, 15) && bytes[15] === 1) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible form (::a.b.c.d) reach that IPv4 address.
  if (zeros(0, 10) && ((bytes[10] === 0xff && bytes[11] === 0xff) || (bytes[10] === 0 && bytes[11] === 0))) return ipv4Kind(bytes.slice(12));
  // IPv4-translated (::ffff:0:a.b.c.d, RFC 2765's SIIT) reaches that IPv4 address through a translator.
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && bytes[10] === 0 && bytes[11] === 0) return ipv4Kind(bytes.slice(12));
  // NAT64 (64:ff9b::/96) translates to the embedded IPv4 address.
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return ipv4Kind(bytes.slice(12));
  // 6to4 (2002::/16) tunnels to the IPv4 address in bytes 2 to 5.
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return ipv4Kind(bytes.slice(2, 6));
  return IPV6_RANGES.find((range) => inRange(bytes, range))?.kind ?? null;
}

/**
 * Why Countersign must not send to this IP address ("loopback", "private",
 * "link-local (cloud metadata)", ...), or null for a public address. Anything
 * that is not a well-formed IP address is refused too ("not an IP address"):
 * a check that cannot read its input must not let it through.
 */
export function privateAddressKind(address: string): string | null {
  const bare = address.replace(/^\[(.*)\]$/, "$1");
  const family = isIP(bare);
  if (family === 4) return ipv4Kind(parseIpv4(bare)!);
  if (family === 6) {
    const bytes = parseIpv6(bare);
    return bytes ? ipv6Kind(bytes) : "not an IP address";
  }
  return "not an IP address";
}

export function isPrivateAddress(address: string): boolean {
  return privateAddressKind(address) !== null;
}

/** Names that only mean something inside a network (RFC 6761, RFC 6762, RFC 8375, cloud conventions). */
const INTERNAL_SUFFIXES = [".localhost", ".local", ".localdomain", ".internal", ".intranet", ".lan", ".home.arpa", ".corp", ".home"];

/**
 * Why a URL's host is refused before any DNS lookup, or null when only DNS
 * can tell (a public-looking name is checked again at every delivery, since
 * what it resolves to can change). `hostname` is URL.hostname: IPv6 in
 * brackets, IPv4 already normalised by the URL parser (0x7f.1 is 127.0.0.1).
 */
export function privateHostKind(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (isIP(host.replace(/^\[(.*)\]$/, "$1"))) return privateAddressKind(host);
  if (host === "localhost" || INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return "an internal host name";
  // A single-label name ("redis", "metadata") is resolved through the server's own search domains.
  if (!host.includes(".")) return "an internal host name (no domain)";
  return null;
}

/**
 * The first of a name's addresses that is refused, with why, or null when all
 * are public. One refused address refuses the whole name: the HTTP client may
 * connect to any of them. Registration, the pre-send check and the connection
 * all judge a resolved name with this.
 */
export function firstPrivateAddress(addresses: readonly { address: string }[]): { address: string; kind: string } | null {
  for (const { address } of addresses) {
    const kind = privateAddressKind(address);
    if (kind) return { address, kind };
  }
  return null;
}

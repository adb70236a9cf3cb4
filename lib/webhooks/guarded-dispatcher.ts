// The HTTP client of webhook deliveries connects only to addresses it has
// checked. Checking a name's addresses and then letting fetch resolve the name
// again leaves a gap: DNS can answer a public address to the check and
// 127.0.0.1 to the connection (DNS rebinding). Here the resolution that the
// connection uses IS the checked one: undici's `connect.lookup` resolves the
// name, refuses it when ANY address is private, loopback, link-local or
// metadata (lib/webhooks/private-address.ts), and hands only checked
// addresses to the socket.
import type { LookupAddress, LookupOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Agent, buildConnector } from "undici";
import { privateTargetMessage } from "@/lib/webhooks/callback-url";
import { firstPrivateAddress, privateAddressKind } from "@/lib/webhooks/private-address";

/** Resolves a host name to every address it has. */
export type LookupAll = (hostname: string) => Promise<{ address: string; family?: number }[]>;

export const lookupAll: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The error code of a connection refused because the name resolved to a private address. */
export const PRIVATE_TARGET_CODE = "ERR_COUNTERSIGN_PRIVATE_TARGET";

export class PrivateTargetError extends Error {
  readonly code = PRIVATE_TARGET_CODE;
  constructor(message: string) {
    super(message);
    this.name = "PrivateTargetError";
  }
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `net.connect` lookup that resolves through `resolve` and refuses the
 * whole name when one address is private (the socket may try any of them).
 * With `allowPrivate` it only resolves.
 */
export function checkedLookup(resolve: LookupAll, allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (found) => {
        const addresses = found.map(({ address, family }) => ({ address, family: family ?? (isIP(address) || 4) }));
        if (addresses.length === 0) return callback(Object.assign(new Error(`Could not resolve ${hostname} (no addresses)`), { code: "ENOTFOUND" }), []);
        if (!allowPrivate) {
          const refused = firstPrivateAddress(addresses);
          if (refused) return callback(new PrivateTargetError(privateTargetMessage(hostname, refused.kind, refused.address)), []);
        }
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (options.all) return callback(null, wanted);
        const first = wanted[0];
        if (!first) return callback(Object.assign(new Error(`Could not resolve ${hostname} (no IPv${options.family} address)`), { code: "ENOTFOUND" }), []);
        callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, []),
    );
  };
}

/**
 * An undici dispatcher for webhook requests. A literal IP host never reaches
 * a lookup (net.connect skips it), so it is checked here before connecting;
 * registration and the pre-send check refuse such URLs already, this is the
 * last line.
 */
export function guardedDispatcher({ lookup = lookupAll, allowPrivate = false }: { lookup?: LookupAll; allowPrivate?: boolean } = {}): Agent {
  const connectChecked = buildConnector({ lookup: checkedLookup(lookup, allowPrivate) });
  const connect: buildConnector.connector = (options, callback) => {
    const bare = options.hostname.replace(/^\[(.*)\]$/, "$1");
    const kind = !allowPrivate && isIP(bare) ? privateAddressKind(bare) : null;
    if (kind) return callback(new PrivateTargetError(privateTargetMessage(options.hostname, kind)), null);
    connectChecked(options, callback);
  };
  return new Agent({ connect, connections: 8 });
}

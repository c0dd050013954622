import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A host the crawler refuses: it is (or resolves to) a loopback, private, link-local or otherwise non-public address. */
export class BlockedHostError extends Error {
  constructor(host: string, address: string, range: string) {
    super(host === address ? `${host} is not a public address (${range})` : `${host} resolves to ${address}, not a public address (${range})`);
    this.name = 'BlockedHostError';
  }
}

/** Throws BlockedHostError unless every address of the host (an IP literal, or all its DNS answers) is public unicast. */
export async function assertPublicHost(hostname: string): Promise<void> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
  for (const address of addresses) assertPublicAddress(host, address);
}

/**
 * A `lookup` for http.request that checks the addresses the socket will actually connect to, so a
 * DNS answer that changes between the check above and the connection (DNS rebinding) is refused too.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    try {
      for (const { address } of addresses) assertPublicAddress(hostname, address);
    } catch (blocked) {
      return callback(blocked as NodeJS.ErrnoException, '', 0);
    }
    if ((options as LookupOptions).all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

function assertPublicAddress(host: string, address: string): void {
  const range = ipaddr.process(address).range();
  if (range !== 'unicast') throw new BlockedHostError(host, address, range);
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    lookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );
}

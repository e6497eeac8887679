// Who is on the other end of a request: the client's address and whether it came over TLS. Headers
// that say so (X-Forwarded-For, X-Forwarded-Proto) are believed only from a proxy named in
// `--trust-proxy`; from anyone else they are ignored, so a forged header cannot pick an address to
// dodge the login throttle or pass plain HTTP off as secure.
import net from 'node:net';
import type { IncomingMessage } from 'node:http';

export interface ClientInfo {
  address: string;
  secure: boolean;
  /** The connection came from a trusted proxy (or loopback). */
  viaProxy: boolean;
}

/** `127.0.0.1`, `10.0.0.0/8`, `::1`: the addresses whose forwarding headers are believed. */
export function trustList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const family = net.isIP(address);
    if (family === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      throw new Error(`«${entry}» — не IP-адрес и не подсеть (пример: 127.0.0.1 или 10.0.0.0/8)`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

export function plainAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

function trusted(list: net.BlockList | null, address: string): boolean {
  if (!list) return false;
  const family = net.isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.');
}

export function clientOf(req: IncomingMessage, proxies: net.BlockList | null): ClientInfo {
  const peer = plainAddress(req.socket.remoteAddress);
  const tls = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  if (!trusted(proxies, peer)) return { address: peer, secure: tls, viaProxy: false };
  // The client is the rightmost address the trusted proxies did not add themselves.
  const chain = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => plainAddress(s.trim()))
    .filter((s) => net.isIP(s) !== 0);
  let address = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    address = chain[i]!;
    if (!trusted(proxies, address)) break;
  }
  const proto = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]!
    .trim()
    .toLowerCase();
  return { address, secure: tls || proto === 'https', viaProxy: true };
}

import { isIP } from "node:net";

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
function normalise(address: string): string {
  const a = address.trim();
  return a.toLowerCase().startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/**
 * The client's address. Each proxy appends the address it received the request from to
 * X-Forwarded-For, so the chain `X-Forwarded-For entries…, socket address` is only true from
 * the right, for as many hops as there are proxies we run: with `trustedProxies` = 0 the socket
 * is the client, with 1 the last entry (what our proxy saw), and so on. Anything further left
 * was written by the client and is never believed. A chain shorter than that (a request that
 * bypassed the proxy) gives its leftmost address; an entry that is not an IP address (a
 * misconfigured proxy) gives the socket's.
 */
export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const socket = socketAddress ? normalise(socketAddress) : "unknown";
  if (trustedProxies <= 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...header.split(",").map((s) => s.trim()).filter(Boolean), socket];
  const picked = normalise(chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? socket);
  return isIP(picked) ? picked : socket;
}

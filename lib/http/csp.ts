import { contentSecurityPolicy } from "./security-headers.js";

/** 16 random bytes, base64: unguessable, and new for every page request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * A page's policy: only scripts carrying this request's nonce run, and what they load
 * ('strict-dynamic'), so an injected inline script does not. Next reads the nonce from this
 * header on the request and puts it on every script it renders.
 */
export function pageCsp(nonce: string, development = process.env.NODE_ENV === "development"): string {
  // `next dev` only: React rebuilds server error stacks in the browser with eval. Never in production.
  return contentSecurityPolicy(`'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`);
}

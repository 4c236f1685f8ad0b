/// <reference lib="webworker" />
/**
 * The service worker (decision 053), bundled by @serwist/turbopack's route (app/sw.js/route.ts) and
 * served at /sw.js with scope "/". It makes "My week" and the entry pages open without a
 * connection after one online visit:
 *
 * - Next's built scripts and styles (with the message catalogues the pages carry) are precached;
 * - pages are network first: online, the server answers as always (fresh, for whoever is signed in);
 *   offline, the last copy this browser was given is shown. Only plain 200 pages are kept, never a
 *   redirect (to the sign-in page, say) under the address that was asked for;
 * - the API, Auth.js and server actions are never cached nor answered from a cache.
 *
 * Pages belong to the person signed in when they were fetched: the page's own script
 * (components/offline/offline-provider.tsx) empties the page cache when someone else signs in and
 * on sign-out, so a cached page is never shown to another user.
 */
import { CacheableResponsePlugin, CacheFirst, ExpirationPlugin, NetworkFirst, NetworkOnly, Serwist, type PrecacheEntry, type SerwistGlobalConfig } from "serwist";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

/** Also named in components/offline/offline-provider.tsx, which empties it. */
const PAGES = "rasd-pages";

const sameOrigin = (url: URL) => url.origin === self.location.origin;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    { matcher: ({ url }) => sameOrigin(url) && (url.pathname.startsWith("/api/") || url.pathname.startsWith("/sw.js")), handler: new NetworkOnly() },
    // A server action is a POST; Serwist routes GET only, so actions always reach the network.
    {
      matcher: ({ request, url }) => request.mode === "navigate" && sameOrigin(url),
      handler: new NetworkFirst({
        cacheName: PAGES,
        // A stalled connection (2G, a dropped link) falls back to the kept page rather than spinning.
        networkTimeoutSeconds: 10,
        // Pages say `Vary: RSC, Next-Router-State-Tree…`; a kept page answers its address whatever those were.
        matchOptions: { ignoreVary: true },
        plugins: [
          new CacheableResponsePlugin({ statuses: [200] }),
          { cacheWillUpdate: async ({ response }) => (response.redirected ? null : response) },
          new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 60 * 60 }),
        ],
      }),
    },
    {
      matcher: ({ url }) => sameOrigin(url) && (url.pathname.startsWith("/_next/static/") || /^\/(icons\/|icon|favicon|apple-touch-icon|manifest)/.test(url.pathname.replace(/^\/(en|ar)\//, "/"))),
      handler: new CacheFirst({ cacheName: "rasd-static", plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 300 })] }),
    },
  ],
});

serwist.addEventListeners();

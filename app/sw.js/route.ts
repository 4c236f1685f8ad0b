import { createSerwistRoute } from "@serwist/turbopack";

/**
 * GET /sw.js: the service worker (lib/offline/service-worker.ts), bundled once at build time with
 * the list of Next's built files to precache. Public (the worker must load before anyone signs in);
 * it holds no data. Served with the static CSP (next.config.js) and `Service-Worker-Allowed: /`.
 */
const route = createSerwistRoute({
  swSrc: "lib/offline/service-worker.ts",
  useNativeEsbuild: true,
  // One file: the route serves /sw.js only, so no source map is referenced.
  esbuildOptions: { sourcemap: false },
  globPatterns: [".next/static/**/*.{js,css}", "public/**/*"],
});

export const dynamic = "force-static";
export const revalidate = false;

export function GET(request: Request) {
  return route.GET(request, { params: Promise.resolve({ path: "sw.js" }) });
}

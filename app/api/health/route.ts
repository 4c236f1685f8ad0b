export const dynamic = "force-dynamic";

/** Liveness for operators and the benchmark's baseline: no database, no session. */
export function GET() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

import { mapShapesDocument } from "@/lib/charts/geo";

/**
 * GET /maps/adm1.svg, /maps/adm2.svg — the governorate and district shapes (public OCHA
 * boundaries, see db/seed-data/SOURCES.md) that maps place with <use>. Versioned by a hash in the
 * query, so browsers keep them for a year.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const level = file === "adm1.svg" ? 1 : file === "adm2.svg" ? 2 : null;
  if (!level) return new Response("Not found", { status: 404 });
  return new Response(mapShapesDocument(level).svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { geoArea, geoMercator, geoPath } from "d3-geo";
import { scaleLinear, scaleThreshold } from "d3-scale";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";

/**
 * Choropleth geometry for Syria's governorates (level 1) and districts (level 2), from the
 * simplified OCHA boundaries in db/seed-data (see SOURCES.md). The shapes never change while the
 * server runs, so each level's SVG paths are projected once and kept.
 */

type Props = { pcode: string; name_en: string; name_ar: string; level: number };
type Shape = Feature<Polygon | MultiPolygon, Props>;
export type MapShape = { pcode: string; d: string; cx: number; cy: number };

export const MAP_WIDTH = 600;
export const MAP_HEIGHT = 540;
const FILES = { 1: "syria_adm1_simplified.geojson", 2: "syria_adm2_simplified.geojson" } as const;

function read(level: 1 | 2): Shape[] {
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "seed-data", FILES[level]);
  const fc = JSON.parse(fs.readFileSync(file, "utf8")) as FeatureCollection<Polygon | MultiPolygon, Props>;
  return fc.features.map(rewind);
}

/**
 * d3-geo works on the sphere: a ring wound the other way round means "everything but this
 * shape". GeoJSON files disagree on winding, so turn any shape bigger than a hemisphere around.
 */
function rewind(f: Shape): Shape {
  if (geoArea(f) <= 2 * Math.PI) return f;
  const rings = (p: Position[][]) => p.map((r) => [...r].reverse());
  const geometry: Polygon | MultiPolygon =
    f.geometry.type === "Polygon" ? { type: "Polygon", coordinates: rings(f.geometry.coordinates) } : { type: "MultiPolygon", coordinates: f.geometry.coordinates.map(rings) };
  return { ...f, geometry };
}

const cache = new Map<1 | 2, MapShape[]>();

export function mapShapes(level: 1 | 2): MapShape[] {
  const hit = cache.get(level);
  if (hit) return hit;
  // Both levels use the country's projection, so that districts line up with governorates.
  const country = read(1);
  const projection = geoMercator().fitExtent(
    [
      [8, 8],
      [MAP_WIDTH - 8, MAP_HEIGHT - 8],
    ],
    { type: "FeatureCollection", features: country },
  );
  const draw = geoPath(projection).digits(1);
  const shapes = (level === 1 ? country : read(2)).map((f) => {
    const [cx, cy] = draw.centroid(f);
    return { pcode: f.properties.pcode, d: draw(f) ?? "", cx: Math.round(cx), cy: Math.round(cy) };
  });
  cache.set(level, shapes);
  return shapes;
}

/**
 * Each level's shapes as one SVG document of paths with P-code ids, served once and cached by the
 * browser (app/maps/[file]/route.ts); a map then places them with <use href="…#SY02"> and only
 * chooses colours per request. `version` changes with the geometry, so the file can be cached forever.
 */
const documents = new Map<1 | 2, { svg: string; version: string }>();
export function mapShapesDocument(level: 1 | 2): { svg: string; version: string } {
  const hit = documents.get(level);
  if (hit) return hit;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}">${mapShapes(level)
    .map((s) => `<path id="${s.pcode}" d="${s.d}"/>`)
    .join("")}</svg>`;
  const doc = { svg, version: createHash("sha256").update(svg).digest("hex").slice(0, 12) };
  documents.set(level, doc);
  return doc;
}

/** Where a map finds one shape: the cached shapes document and the P-code as fragment. */
export function mapShapeHref(level: 1 | 2, pcode: string): string {
  return `/maps/adm${level}.svg?v=${mapShapesDocument(level).version}#${pcode}`;
}

/** Classes of a sequential scale, light to dark, with the breaks a legend lists. */
export type ColourScale = { colours: string[]; breaks: number[]; colourOf: (v: number) => string };

/** ColorBrewer YlOrRd: gaps, 0–20 … 80–100%. */
const GAP_COLOURS = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
/** ColorBrewer Blues: counts of families. */
const COUNT_COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];

export function gapScale(): ColourScale {
  const breaks = [20, 40, 60, 80];
  const s = scaleThreshold<number, string>().domain(breaks).range(GAP_COLOURS);
  return { colours: GAP_COLOURS, breaks, colourOf: (v) => s(v) };
}

/** Up to five classes with round breaks below the largest value shown. */
export function countScale(values: number[]): ColourScale {
  const max = Math.max(1, ...values);
  const within = (count: number) => scaleLinear().domain([0, max]).nice(count).ticks(count).filter((t) => t > 0 && t < max && Number.isInteger(t));
  // As many round classes as the palette holds (five), fewer when the numbers are not round enough.
  const breaks = [5, 4, 3].map(within).find((b) => b.length <= 4) ?? within(2);
  const n = breaks.length + 1;
  // Spread over the palette, so the top class is always the darkest.
  const colours = Array.from({ length: n }, (_, i) => COUNT_COLOURS[n === 1 ? 4 : Math.round((i * 4) / (n - 1))]!);
  const s = scaleThreshold<number, string>().domain(breaks).range(colours);
  return { colours, breaks, colourOf: (v) => s(v) };
}

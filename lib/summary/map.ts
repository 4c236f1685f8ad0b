import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import type { FieldErrors } from "../errors";
import { FIGURES_INPUTS, resolveFiguresQuery } from "../figures/query";
import { listLevelWeekSummaries, type AreaRef, type WeekFigures } from "../figures/read";
import type { SectorInfo } from "../sectors";
import type { MapMeasure } from "../validation/summary";
import { cachedSummary } from "./cache";

export type MapData = {
  week: string;
  weeks: string[];
  errors: FieldErrors;
  level: 1 | 2;
  measure: MapMeasure;
  sector: string;
  sectors: SectorInfo[];
  areas: (WeekFigures & { area: AreaRef })[];
};

/** Governorates or districts with their figures for the week: what the choropleth colours. */
export function loadMap(db: Db, actor: Actor | null, raw: Record<string, unknown>): MapData {
  return cachedSummary(db, actor, "map", FIGURES_INPUTS.map, raw, (reader) => computeMap(db, reader, raw));
}

function computeMap(db: Db, actor: Actor, raw: Record<string, unknown>): MapData {
  const q = resolveFiguresQuery(db, actor, { view: "map", raw, mode: "page" });
  // The map's schema admits governorates and districts only.
  const level = q.level === 2 ? 2 : 1;
  return { week: q.week, weeks: q.weeks, errors: q.errors, level, measure: q.measure, sector: q.sector?.code ?? "", sectors: q.sectors, areas: listLevelWeekSummaries(db, actor, q.week, level) };
}

import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import type { FieldErrors } from "../errors";
import { activeSectors, listLevelWeekSummaries, listWeeksWithData, type AreaRef, type SectorInfo, type WeekFigures } from "../rollup/read";
import { mapInput, parseQuery, type MapMeasure } from "../validation/summary";
import { weekOf } from "../weeks";
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
  return cachedSummary(db, actor, "map", mapInput, raw, (reader) => computeMap(db, reader, raw));
}

function computeMap(db: Db, actor: Actor, raw: Record<string, unknown>): MapData {
  const { values: v, errors } = parseQuery(mapInput, raw);
  const weeks = listWeeksWithData(db, actor, null);
  const week = v.week ?? weeks[0] ?? weekOf(new Date());
  const level = v.level ?? 1;
  const sectors = activeSectors(db);
  const sector = sectors.some((s) => s.code === v.sector) ? v.sector! : (sectors[0]?.code ?? "");
  if (v.sector && sector !== v.sector) errors.sector = { key: "validation.sectorUnknown", values: { code: v.sector } };
  return { week, weeks, errors, level, measure: v.measure ?? "gap", sector, sectors, areas: listLevelWeekSummaries(db, actor, week, level) };
}

"use client";

import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { OutboxFigures, OutboxItem } from "@/lib/offline/outbox";
import type { WeeklyReportValues } from "@/lib/validation/weekly-report";
import { useOffline } from "./offline-provider";

/** The form's text values from figures kept on the device (as the entry page's formValues does from a stored report). */
export function formTextOf(f: OutboxFigures, sectorCodes: string[]) {
  const text = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  return {
    newlyDisplacedFamilies: text(f.newlyDisplacedFamilies),
    repeatDisplacedFamilies: text(f.repeatDisplacedFamilies),
    totalDisplacedFamilies: text(f.totalDisplacedFamilies),
    individuals: text(f.individuals),
    sectors: Object.fromEntries(sectorCodes.map((c) => [c, { gapPct: text(f.sectors[c]?.gapPct), familiesInNeed: text(f.sectors[c]?.familiesInNeed) }])),
    notes: f.notes,
    source: f.source,
    status: f.status,
  };
}

/** The figures the API takes, from the form's parsed values. */
export const figuresOf = (d: WeeklyReportValues): OutboxFigures => ({
  newlyDisplacedFamilies: d.newlyDisplacedFamilies,
  repeatDisplacedFamilies: d.repeatDisplacedFamilies,
  totalDisplacedFamilies: d.totalDisplacedFamilies,
  individuals: d.individuals,
  sectors: d.sectors,
  notes: d.notes,
  source: d.source,
  status: d.status,
});

/**
 * The entry form's link to the outbox: whether saving must go to the device (offline, and someone
 * signed in with an outbox), this report's unsent item if there is one, and `onDeviceCopy`, called
 * once per saved copy so that the form shows the device's figures rather than the server's.
 */
export function useDeviceCopy(pcode: string, week: string, onDeviceCopy: (item: OutboxItem) => void) {
  const offline = useOffline();
  const item = offline?.items.find((i) => i.pcode === pcode && i.week === week && i.status !== "sent") ?? null;
  const applied = useRef<string | null>(null);
  const [savedHere, setSavedHere] = useState(false);
  const apply = useEffectEvent(onDeviceCopy);
  useEffect(() => {
    if (item && applied.current !== item.savedAt) {
      applied.current = item.savedAt;
      apply(item);
    }
  }, [item]);
  return {
    item,
    savedHere,
    /** Saving now goes to the device: no connection, and the outbox is open. */
    offlineNow: () => !!offline && offline.userId !== null && typeof navigator !== "undefined" && !navigator.onLine,
    saveOnDevice: async (data: WeeklyReportValues, locale: string) => {
      if (!offline) return null;
      const saved = await offline.save({ pcode, week, locale, figures: figuresOf(data), version: data.version });
      if (saved) {
        applied.current = saved.savedAt;
        setSavedHere(true);
      }
      return saved;
    },
  };
}

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
export function useDeviceCopy(pcode: string, week: string, savedNow: boolean, onDeviceCopy: (item: OutboxItem) => void) {
  const offline = useOffline();
  const item = offline?.items.find((i) => i.pcode === pcode && i.week === week && i.status !== "sent") ?? null;
  const applied = useRef<string | null>(null);
  const [savedHere, setSavedHere] = useState(false);
  const apply = useEffectEvent(onDeviceCopy);
  const drop = useEffectEvent((id: string) => offline?.change((o, u) => o.discard(u, id)));
  useEffect(() => {
    if (!item || applied.current === item.savedAt) return;
    applied.current = item.savedAt;
    // The form showed the device's figures and they were just saved online: the device's copy is done with.
    if (savedNow) void drop(item.id);
    else apply(item);
  }, [item, savedNow]);
  const outboxOpen = !!offline && offline.userId !== null;
  return {
    item: savedNow ? null : item,
    savedHere,
    /**
     * Saving now goes to the device: the browser says it is offline, or it says online but the server
     * cannot be reached (a captive portal, a link that carries nothing) within 5 seconds.
     */
    offlineNow: async () => {
      if (!outboxOpen || typeof navigator === "undefined") return false;
      if (!navigator.onLine) return true;
      try {
        // Any answer means the server is there: the save goes to it (and its errors show as usual).
        await fetch("/api/health", { cache: "no-store", signal: AbortSignal.timeout(5_000) });
        return false;
      } catch {
        return true;
      }
    },
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

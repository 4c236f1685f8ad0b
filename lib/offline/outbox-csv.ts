import type { OutboxItem } from "./outbox";

/**
 * The last resort when a device cannot send its outbox: a CSV of the unsent figures in the
 * figures import's wide layout (lib/import/template.ts), headers on the first row and HXL
 * hashtags on the second, which the import recognises first (lib/import/fields.ts). Anyone
 * with a connection can then upload it on the import page (/reports/import), which plans the
 * rows against the current versions and shows every change before applying it.
 *
 * Pure: built in the browser from the items, with no catalogue (the hashtags carry the meaning;
 * the headers are the template's English names).
 */

const BASE = [
  { header: "P-code", hxl: "#loc+code", value: (i: OutboxItem) => i.pcode },
  { header: "Week", hxl: "#date+week", value: (i: OutboxItem) => i.week },
  { header: "Newly displaced families", hxl: "#affected+idps+hh+new", value: (i: OutboxItem) => i.figures.newlyDisplacedFamilies },
  { header: "Repeat displaced families", hxl: "#affected+idps+hh+repeat", value: (i: OutboxItem) => i.figures.repeatDisplacedFamilies },
  { header: "Total displaced families", hxl: "#affected+idps+hh+total", value: (i: OutboxItem) => i.figures.totalDisplacedFamilies },
  { header: "Individuals", hxl: "#affected+idps+ind", value: (i: OutboxItem) => i.figures.individuals },
];
const TAIL = [
  { header: "Notes", hxl: "#description+notes", value: (i: OutboxItem) => i.figures.notes },
  { header: "Source", hxl: "#meta+source", value: (i: OutboxItem) => i.figures.source },
  { header: "Status", hxl: "#status", value: (i: OutboxItem) => i.figures.status },
];

/**
 * Every cell quoted. A text cell starting with = + - @ (or a tab or carriage return) gets a
 * leading apostrophe, so that a spreadsheet opening the file does not run it as a formula.
 */
function cell(v: string | number | null): string {
  if (v === null) return '""';
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** The items not yet sent (waiting or needing attention), as a CSV text (UTF-8 with a BOM, for spreadsheets). */
export function outboxCsv(items: OutboxItem[]): string {
  const unsent = items.filter((i) => i.status !== "sent");
  const codes = [...new Set(unsent.flatMap((i) => Object.keys(i.figures.sectors)))].sort();
  const sectorCols = codes.flatMap((code) => [
    { header: `${code} gap`, hxl: `#indicator+gap+pct+${code}`, value: (i: OutboxItem) => i.figures.sectors[code]?.gapPct ?? null },
    { header: `${code} in need`, hxl: `#inneed+hh+${code}`, value: (i: OutboxItem) => i.figures.sectors[code]?.familiesInNeed ?? null },
  ]);
  const cols = [...BASE, ...sectorCols, ...TAIL];
  const lines = [cols.map((c) => cell(c.header)), cols.map((c) => cell(c.hxl)), ...unsent.map((i) => cols.map((c) => cell(c.value(i))))];
  return "\uFEFF" + lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

export const outboxCsvName = (now: Date) => `rasd-unsent-${now.toISOString().slice(0, 16).replace(/[:T]/g, "-")}.csv`;

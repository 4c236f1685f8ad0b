/**
 * What a figures file may hold, checked before it is read whole (lib/import/read-table.ts). A
 * module that imports nothing: scripts/serve.ts sizes the API's import body from it (decision 062).
 */
export const IMPORT_LIMITS = {
  /** Bytes of the uploaded file (within the import page's 6 MB action body, lib/env.ts IMPORT_ACTION_BODY_LIMIT). */
  bytes: 5 * 1024 * 1024,
  /** Data rows (the header and an HXL row not counted). */
  rows: 50_000,
  columns: 200,
  /** Characters in one cell. */
  cell: 10_000,
  /** What the XLSX's parts may inflate to, in all: a zip bomb is refused before it is opened. */
  xlsxInflated: 200 * 1024 * 1024,
} as const;

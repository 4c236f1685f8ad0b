import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importMappings, importUploads } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/authorize";
import { writeAudit } from "../audit";
import { invalid, notFound } from "../errors";
import { activeSectors } from "../sectors";
import { chosenFrom, importMappingInput } from "../validation/figures-import";
import { parseInput } from "../validation/zod-messages";
import type { Field } from "./fields";
import { recogniseColumns } from "./mapping";
import { readTable } from "./read-table";

/**
 * A column mapping saved under a name ("Kobo NWS site visit v3"): header → field, for the file's
 * header signature. Saved mappings are shared by everyone who imports (a team's Kobo form is
 * the same for all its coordinators) and offered for every file with the same headers.
 */

export type SavedMapping = { id: number; name: string };

/** Saves the mapping the preview shows (recognised, saved and chosen columns together) under a name. */
export async function saveImportMapping(db: Db, actor: Actor | null, raw: Record<string, unknown>): Promise<SavedMapping> {
  const me = requireRole(actor, "admin", "coordinator");
  const input = parseInput(importMappingInput, raw);
  const upload = db.select({ userId: importUploads.userId, bytes: importUploads.bytes }).from(importUploads).where(eq(importUploads.id, input.upload)).get();
  if (!upload || upload.userId !== me.id) throw notFound("figuresImport.page.uploadGone");
  const table = await readTable(new Uint8Array(upload.bytes), { sheet: input.sheet ?? null });
  const sectors = activeSectors(db);
  const signature = recogniseColumns(table.rows.slice(0, 1), sectors).signature;
  const saved =
    input.saved === "none"
      ? undefined
      : (db
          .select({ columns: importMappings.columns })
          .from(importMappings)
          .where(input.saved === undefined ? eq(importMappings.signature, signature) : eq(importMappings.id, input.saved))
          .get()?.columns as Record<string, Field | null> | undefined);
  const mapping = recogniseColumns(table.rows.slice(0, 3), sectors, { chosen: chosenFrom(raw), saved });
  // System columns stay out: they are ignored whatever a mapping says.
  const columns = Object.fromEntries(mapping.columns.filter((c) => c.via !== "system" && c.header !== "").map((c) => [c.header, c.field]));
  // Shared by everyone who imports, so audited like any other change.
  return db.transaction(
    (tx) => {
      if (tx.select({ id: importMappings.id }).from(importMappings).where(eq(importMappings.name, input.name)).get())
        throw invalid({ name: { key: "figuresImport.page.mappingNameTaken", values: { name: input.name } } });
      const id = tx.insert(importMappings).values({ name: input.name, signature, columns, createdBy: me.id }).returning({ id: importMappings.id }).get().id;
      writeAudit(tx, me, { action: "import_mapping.create", entityType: "import_mapping", entityId: id, newValues: { name: input.name, signature, columns } });
      return { id, name: input.name };
    },
    { behavior: "immediate" },
  );
}

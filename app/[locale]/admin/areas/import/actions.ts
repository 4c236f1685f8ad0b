"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { runAction } from "@/lib/next/action";
import {
  applyPreviewedAreaImport,
  previewAreaImportUpload,
  type AreaImportPreview,
  type AreaImportSummary,
} from "@/lib/area-import";

export async function previewAreaImportAction(
  _prev: ActionState<AreaImportPreview>,
  fd: FormData,
): Promise<ActionState<AreaImportPreview>> {
  // formToObject drops files, so the upload is handed over as it came.
  return runAction((db, actor) => previewAreaImportUpload(db, actor, { file: fd.get("file"), csv: fd.get("csv") }));
}

export async function applyAreaImportAction(
  _prev: ActionState<AreaImportSummary>,
  fd: FormData,
): Promise<ActionState<AreaImportSummary>> {
  const state = await runAction((db, actor) =>
    applyPreviewedAreaImport(db, actor, { csv: fd.get("csv"), fingerprint: fd.get("fingerprint") }),
  );
  if (state?.ok) revalidatePath("/[locale]", "layout");
  return state;
}

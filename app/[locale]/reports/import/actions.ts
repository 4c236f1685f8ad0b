"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import type { Applied } from "@/lib/import/apply";
import { saveImportMapping, type SavedMapping } from "@/lib/import/mappings";
import { applyUpload, createImportUpload, type UploadCreated } from "@/lib/import/uploads";
import { formToObject, runAction } from "@/lib/next/action";

const localeOf = (fd: FormData) => (fd.get("locale") === "ar" ? "ar" : "en");

/** Keeps the file server-side and opens its preview (a GET: the mapping and the pages of rows are links). */
export async function uploadFiguresAction(_prev: ActionState<UploadCreated>, fd: FormData): Promise<ActionState<UploadCreated>> {
  // formToObject drops files, so the upload is handed over as it came.
  const state = await runAction((db, actor) => createImportUpload(db, actor, { file: fd.get("file"), sheet: fd.get("sheet"), status: fd.get("status") }));
  if (state?.ok) {
    const q = new URLSearchParams({ upload: String(state.data.id), status: state.data.status });
    if (state.data.sheet) q.set("sheet", state.data.sheet);
    redirect(`/${localeOf(fd)}/reports/import?${q}`);
  }
  return state;
}

export async function applyFiguresAction(_prev: ActionState<Applied>, fd: FormData): Promise<ActionState<Applied>> {
  const state = await runAction((db, actor) => applyUpload(db, actor, formToObject(fd)));
  if (state?.ok) {
    // Every summary, area and report page may show the imported figures.
    revalidatePath("/[locale]", "layout");
    redirect(`/${localeOf(fd)}/reports/imports/${state.data.id}?applied=1`);
  }
  return state;
}

/** Saves the mapping and previews again with it (the file's columns as chosen stay chosen). */
export async function saveImportMappingAction(_prev: ActionState<SavedMapping>, fd: FormData): Promise<ActionState<SavedMapping>> {
  const input = formToObject(fd);
  const state = await runAction((db, actor) => saveImportMapping(db, actor, input));
  if (state?.ok) {
    const q = new URLSearchParams({ upload: String(input.upload), status: String(input.status ?? "draft"), saved: String(state.data.id) });
    if (input.sheet) q.set("sheet", String(input.sheet));
    for (const [k, v] of Object.entries(input)) if (/^c\d+$/.test(k)) q.set(k, String(v));
    redirect(`/${localeOf(fd)}/reports/import?${q}&mappingSaved=1`);
  }
  return state;
}

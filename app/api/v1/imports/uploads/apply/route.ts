import { readBodyText } from "@/lib/api/body";
import { MAX_BODY_BYTES } from "@/lib/api/body-limits";
import { applyUploadWithProgress } from "@/lib/next/import-progress";

export const dynamic = "force-dynamic";

/** POST /api/v1/imports/uploads/apply — the import page's apply with progress: see lib/next/import-progress.ts. */
export async function POST(request: Request) {
  return applyUploadWithProgress(await readBodyText(request, MAX_BODY_BYTES));
}

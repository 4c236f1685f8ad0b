import { getDb } from "@/db/client";
import { answerApi } from "@/lib/api/caller";
import { handleDeleteImport } from "@/lib/api/imports";
import { getApiCaller } from "@/lib/next/session";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/imports/{id} — undo an import. */
export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await getApiCaller();
  const result = answerApi(getDb(), caller, () => handleDeleteImport(getDb(), caller, id));
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}

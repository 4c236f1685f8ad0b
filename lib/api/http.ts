import type { ExportFile } from "../exports/file";
import type { ApiResult } from "./respond";
import { isStreamedJson } from "./json-stream";

function isFile(body: unknown): body is ExportFile {
  return typeof body === "object" && body !== null && (body as { kind?: unknown }).kind === "file";
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A lib/api result as an HTTP response: JSON (whole, or streamed a slice at a time), or a file streamed as it is produced. */
export function toResponse(result: ApiResult): Response {
  const headers = { "Cache-Control": "no-store" };
  if (isFile(result.body))
    return new Response(result.body.stream, {
      status: result.status,
      headers: { ...headers, "Content-Type": result.body.contentType, "Content-Disposition": disposition(result.body.filename), "X-Content-Type-Options": "nosniff" },
    });
  if (isStreamedJson(result.body)) return new Response(result.body.stream, { status: result.status, headers: { ...headers, "Content-Type": "application/json" } });
  return Response.json(result.body, { status: result.status, headers });
}

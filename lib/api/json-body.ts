import { invalid } from "../errors";
import { MAX_BODY_BYTES } from "./body-limits";

/** A JSON object body; anything else is one field error, after who may ask has been answered. */
export function jsonObject(text: string): Record<string, unknown> {
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) throw invalid({ body: { key: "validation.json" } }, { key: "errors.bodyTooLarge" });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid({ body: { key: "validation.json" } }, { key: "errors.invalidJson" });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid({ body: { key: "validation.json" } }, { key: "errors.invalidJson" });
  return value as Record<string, unknown>;
}

import { IMPORT_LIMITS } from "../import/limits";

/**
 * The API's body limits, in a module that imports nothing heavy: scripts/serve.ts refuses a body over
 * them before Next sees it, and importing them from the API's own modules loaded a second copy
 * of lib/ (drizzle, zod, exceljs) into the server beside Next's bundle, about 35 MB resident
 * (decision 062).
 */

/** A weekly report body is a few hundred bytes; anything this large is not one. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Room for a multipart envelope around a figures file at the limit. */
export const MAX_IMPORT_BODY_BYTES = IMPORT_LIMITS.bytes + 64 * 1024;

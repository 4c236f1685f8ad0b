import type { Actor } from "../auth/actor";
import { notFound, unauthenticated } from "../errors";
import { apiCall, type ApiResult } from "./respond";

/** The answer for a URL segment that is no P-code (lib/validation/pcode-param.ts): 404 like an unknown area, 401 first when signed out. */
export function unknownAreaAnswer(actor: Actor | null): ApiResult {
  return apiCall(() => {
    if (!actor) throw unauthenticated();
    throw notFound("errors.areaNotFound");
  });
}

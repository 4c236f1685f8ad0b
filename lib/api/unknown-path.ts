import { notFound } from "../errors";
import { apiCall, type ApiResult } from "./respond";

/** Any /api/ address no route serves: the API's JSON 404, never the HTML page. */
export function unknownApiPath(): ApiResult {
  return apiCall(() => {
    throw notFound("errors.noSuchEndpoint");
  });
}

import { createTranslator } from "next-intl";
import { isAppError, unavailableFrom, type Msg } from "../errors";
import { catalogues } from "../i18n/messages";
import { log } from "../log";

/** What a route handler sends: a status and a JSON body. Route files only turn this into a Response. */
export type ApiResult = { status: number; body: unknown };

const english = createTranslator({
  locale: "en",
  messages: catalogues.en,
  // A missing key or value must not take the API down: the key itself is still a usable message.
  onError: () => {},
  getMessageFallback: ({ namespace, key }) => (namespace ? `${namespace}.${key}` : key),
});

/** English text of a catalogue message (API clients get the key too, to translate themselves). */
export function englishText(msg: Msg): string {
  return english(msg.key as never, msg.values as never);
}

/**
 * Runs a lib/ call for the API. A refusal (AppError) becomes its status with
 * `{ error: { code, key, message, fields, fieldMessages } }`; anything else is a 500 that
 * says nothing of the internals (and is logged).
 */
export function apiCall(fn: () => ApiResult): ApiResult {
  try {
    return fn();
  } catch (caught) {
    const e = unavailableFrom(caught) ?? caught;
    if (isAppError(e)) {
      const fields: Record<string, string> = {};
      const fieldMessages: Record<string, string> = {};
      for (const [field, m] of Object.entries(e.fieldErrors ?? {})) {
        fields[field] = m.key;
        fieldMessages[field] = englishText(m);
      }
      return {
        status: e.status,
        body: { error: { code: e.code, key: e.msg.key, message: englishText(e.msg), values: e.msg.values ?? {}, fields, fieldMessages } },
      };
    }
    log.error({ event: "api.unexpected", reason: e instanceof Error ? e.message : String(e) }, "unexpected error in an API call");
    return { status: 500, body: { error: { code: "internal", key: "errors.unexpected", message: englishText({ key: "errors.unexpected" }), fields: {} } } };
  }
}

import { z } from "zod";
import { invalid, type FieldErrors, type Msg } from "../errors";

/**
 * zod issues become catalogue keys so that validation reads in the user's language.
 * Schemas may set their own message as a key ("validation.repeatAboveNew"); otherwise
 * the issue code decides.
 */
export function issueToMsg(issue: z.core.$ZodIssue): Msg {
  if (issue.message?.startsWith("validation.")) return { key: issue.message };
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null || issue.input === ""
        ? { key: "validation.required" }
        : { key: "validation.invalidType", values: { expected: String(issue.expected) } };
    case "too_small":
      return issue.origin === "string"
        ? Number(issue.minimum) <= 1
          ? { key: "validation.required" }
          : { key: "validation.tooShort", values: { minimum: Number(issue.minimum) } }
        : { key: "validation.tooSmall", values: { minimum: Number(issue.minimum) } };
    case "too_big":
      return issue.origin === "string"
        ? { key: "validation.tooLong", values: { maximum: Number(issue.maximum) } }
        : { key: "validation.tooBig", values: { maximum: Number(issue.maximum) } };
    case "invalid_format":
      return issue.format === "email" ? { key: "validation.email" } : { key: "validation.format" };
    case "invalid_value":
      return { key: "validation.oneOf", values: { options: issue.values.map(String).join(", ") } };
    case "unrecognized_keys":
      return { key: "validation.unknownKeys", values: { keys: issue.keys.join(", ") } };
    default:
      return { key: "validation.invalid" };
  }
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : "_form";
    if (!out[field]) out[field] = issueToMsg(issue);
  }
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The fields whose text is not valid Unicode: a lone surrogate (JSON's "\ud800", or a string cut
 * in the middle of a pair) cannot be written as UTF-8, so SQLite would store bytes that no export
 * or page can read back. Looks into nested objects and arrays, as far as inputs go.
 */
export function brokenTextFields(input: unknown, at: string[] = [], out: FieldErrors = {}, depth = 0): FieldErrors {
  if (typeof input === "string") {
    if (LONE_SURROGATE.test(input)) out[at.length ? at.join(".") : "_form"] = { key: "validation.invalidText" };
  } else if (input !== null && typeof input === "object" && depth < 8) {
    for (const [k, v] of Object.entries(input)) brokenTextFields(v, [...at, k], out, depth + 1);
  }
  return out;
}

/**
 * Parse or throw an AppError("invalid") carrying one message per field. Every input from a form,
 * an action or the API comes through here: so does the check that its text is valid Unicode.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // zod 4 drops `input` from issues unless asked, and issueToMsg needs it to tell "missing" from "wrong type".
  const result = schema.safeParse(input, { reportInput: true });
  const broken = brokenTextFields(input);
  if (!result.success || Object.keys(broken).length) throw invalid({ ...(result.success ? {} : zodFieldErrors(result.error)), ...broken });
  return result.data;
}

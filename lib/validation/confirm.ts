import { invalid } from "../errors";

/**
 * Destructive actions ask first (decision 040): their form carries a required "I understand"
 * box named `confirm`, and the server refuses the action, changing nothing, unless it was ticked.
 * The browser's `required` is only a comfort; this is the check.
 */
export function requireConfirmation(value: unknown): void {
  if (value !== "on" && value !== true) throw invalid({ confirm: { key: "validation.confirmRequired" } });
}

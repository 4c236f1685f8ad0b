/**
 * A weekly report's statuses, in workflow order (draft → submitted → approved). Their own file,
 * importing nothing, for the same reason as lib/roles.ts: the schema and client code share it.
 */
export const REPORT_STATUSES = ["draft", "submitted", "approved"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

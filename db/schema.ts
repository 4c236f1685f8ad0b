import { sql } from "drizzle-orm";
import {
  blob,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
// Relative, not "@/…": drizzle-kit loads this file too. The two lists import nothing (layering rule).
import { REPORT_STATUSES } from "../lib/report-statuses";
import { ROLES } from "../lib/roles";

/** Timestamps are ISO 8601 UTC text: sortable, readable in exports, no timezone surprises. */
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** OCHA P-code hierarchy. `path` is the chain of ancestor ids ("/3/41/388/") so a subtree is one indexed prefix scan. */
export const areas = sqliteTable(
  "areas",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pcode: text("pcode").notNull(),
    nameEn: text("name_en").notNull(),
    nameAr: text("name_ar").notNull(),
    level: integer("level").notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => areas.id),
    path: text("path").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("areas_pcode_uq").on(t.pcode),
    index("areas_parent_idx").on(t.parentId),
    index("areas_path_idx").on(t.path),
    // "Every district (under Aleppo)": the gap report, the map and the dashboard's rankings start from one level's areas.
    index("areas_level_path_idx").on(t.level, t.path),
    check("areas_level_ck", sql`${t.level} between 1 and 4`),
  ],
);

export const sectors = sqliteTable(
  "sectors",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    nameEn: text("name_en").notNull(),
    nameAr: text("name_ar").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** The HXL attribute of the sector's export columns (`#indicator+gap+pct+wash`); null: the code is used. */
    hxlAttribute: text("hxl_attribute"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("sectors_code_uq").on(t.code)],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    locale: text("locale", { enum: ["en", "ar"] }).notNull().default("en"),
    /** False while `locale` is only the default nobody chose: sign-in then follows the page's language (decision 044). */
    localeChosen: integer("locale_chosen", { mode: "boolean" }).notNull().default(false),
    /** IANA zone every date-time is shown in for this user (decision 045); Syria's by default. */
    timeZone: text("time_zone").notNull().default("Asia/Damascus"),
    /** Digits shown to this user: Latin (0-9) or Arabic-Indic (٠-٩). */
    numerals: text("numerals", { enum: ["latn", "arab"] }).notNull().default("latn"),
    /** Sessions issued before this instant are refused (password change or reset). */
    passwordChangedAt: text("password_changed_at").notNull().default(now),
    /** Set when someone else chose the password (generated, reset): the owner must replace it at the next sign-in. */
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("users_email_uq").on(t.email),
    check("users_role_ck", sql`${t.role} in ('admin','coordinator','viewer')`),
  ],
);

export const userAreas = sqliteTable(
  "user_areas",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.areaId] }), index("user_areas_area_idx").on(t.areaId)],
);

/** One row per (area, ISO week). `week` is "YYYY-Www", so text order is time order. */
export const weeklyReports = sqliteTable(
  "weekly_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    week: text("week").notNull(),
    newlyDisplacedFamilies: integer("newly_displaced_families").notNull(),
    repeatDisplacedFamilies: integer("repeat_displaced_families").notNull(),
    totalDisplacedFamilies: integer("total_displaced_families").notNull(),
    individuals: integer("individuals"),
    notes: text("notes").notNull().default(""),
    source: text("source").notNull().default(""),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: text("updated_at").notNull().default(now),
    approvedBy: integer("approved_by").references(() => users.id),
    approvedAt: text("approved_at"),
    /**
     * The plausibility warnings the figures raised when they were last saved: confirmed in the form,
     * answered by the API. The approval queue shows them, so an admin sees what was overridden.
     */
    savedWarnings: text("saved_warnings", { mode: "json" }).notNull().default(sql`'[]'`),
  },
  (t) => [
    uniqueIndex("weekly_reports_area_week_uq").on(t.areaId, t.week),
    index("weekly_reports_week_idx").on(t.week, t.status),
    check("weekly_reports_week_ck", sql`${t.week} glob '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'`),
    check("weekly_reports_status_ck", sql`${t.status} in ('draft','submitted','approved')`),
    check(
      "weekly_reports_counts_ck",
      sql`${t.newlyDisplacedFamilies} >= 0 and ${t.repeatDisplacedFamilies} >= 0 and ${t.totalDisplacedFamilies} >= 0 and ${t.repeatDisplacedFamilies} <= ${t.newlyDisplacedFamilies} and (${t.individuals} is null or ${t.individuals} >= 0)`,
    ),
  ],
);

/** Sector gaps are rows so that an admin can add a sector without a migration. Gap stored in tenths of a percent (0..1000): exact, no float drift. */
export const reportSectorGaps = sqliteTable(
  "report_sector_gaps",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => weeklyReports.id, { onDelete: "cascade" }),
    sectorId: integer("sector_id")
      .notNull()
      .references(() => sectors.id),
    gapTenths: integer("gap_tenths").notNull(),
    familiesInNeed: integer("families_in_need"),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.sectorId] }),
    check("report_sector_gaps_gap_ck", sql`${t.gapTenths} between 0 and 1000`),
    check("report_sector_gaps_need_ck", sql`${t.familiesInNeed} is null or ${t.familiesInNeed} >= 0`),
  ],
);

/** Full snapshot of a report after each change, so history can show any field's old and new value. */
export const reportRevisions = sqliteTable(
  "report_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => weeklyReports.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    action: text("action").notNull(),
    snapshot: text("snapshot", { mode: "json" }).notNull(),
    reason: text("reason"),
    /** This save kept its author's figures over a newer version after a conflict ("keep mine"). */
    keptMine: integer("kept_mine", { mode: "boolean" }).notNull().default(false),
    changedBy: integer("changed_by").references(() => users.id),
    changedAt: text("changed_at").notNull().default(now),
  },
  (t) => [uniqueIndex("report_revisions_report_version_uq").on(t.reportId, t.version)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(now),
    /** Null for operator scripts and start-up seeding; `actorLabel` then says which. */
    actorId: integer("actor_id").references(() => users.id),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    oldValues: text("old_values", { mode: "json" }),
    newValues: text("new_values", { mode: "json" }),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_actor_idx").on(t.actorId),
  ],
);

/** Personal API tokens: only a SHA-256 of the secret is stored; `prefix` lets a user recognise one. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull().default(now),
    lastUsedAt: text("last_used_at"),
    /** The address of the last use: a use from a new address is audited. */
    lastUsedIp: text("last_used_ip"),
    /** Chosen at creation (default 90 days, at most a year); tokens from before expiry existed get 90 days from the migration. */
    expiresAt: text("expires_at").notNull(),
    /** "read": GET only; "write": also saves figures. */
    scope: text("scope", { enum: ["read", "write"] }).notNull().default("read"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash_uq").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/**
 * Server-side sessions: the session cookie (a JWT) names one of these rows by a random id, and
 * only its SHA-256 is stored. The row decides: sign-out deletes it, and a session past its
 * absolute or idle lifetime is refused (lib/auth/sessions.ts).
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    idHash: text("id_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull().default(now),
    lastSeenAt: text("last_seen_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
    /** Shown on My account so that people recognise their devices. */
    userAgent: text("user_agent").notNull().default(""),
    ip: text("ip").notNull().default(""),
  },
  (t) => [uniqueIndex("sessions_id_hash_uq").on(t.idHash), index("sessions_user_idx").on(t.userId)],
);

/**
 * Rollups maintained on write (lib/figures/maintain.ts), so that a summary page reads a few
 * indexed rows instead of walking the tree: one row per (area, week) that has a figure.
 * Only submitted and approved reports count.
 */
export const areaWeekFigures = sqliteTable(
  "area_week_figures",
  {
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    week: text("week").notNull(),
    /** "direct": the area's own report; "children": the sum of its children's figures. */
    basis: text("basis", { enum: ["direct", "children"] }).notNull(),
    newly: integer("newly").notNull(),
    repeat: integer("repeat").notNull(),
    total: integer("total").notNull(),
    /** Null when no contributing report gave individuals. */
    individuals: integer("individuals"),
    /** How many children have a figure this week (whatever the basis). */
    childrenWithFigures: integer("children_with_figures").notNull(),
    /** The children's sum, kept beside a direct report to show where the two disagree. */
    childrenNewly: integer("children_newly"),
    childrenRepeat: integer("children_repeat"),
    childrenTotal: integer("children_total"),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.week] }), index("area_week_figures_week_idx").on(t.week, t.areaId)],
);

/** Per sector: Σ gap×need in tenths of a percent, Σ need, Σ unmet; the weighted gap is gapNeed / need / 10. */
export const areaWeekSectorFigures = sqliteTable(
  "area_week_sector_figures",
  {
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    week: text("week").notNull(),
    sectorId: integer("sector_id")
      .notNull()
      .references(() => sectors.id),
    gapNeed: integer("gap_need").notNull(),
    need: integer("need").notNull(),
    unmet: integer("unmet").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.week, t.sectorId] }),
    index("area_week_sector_figures_week_idx").on(t.week, t.sectorId),
    // "Has this retired sector any figure in these weeks?" (lib/sectors.ts sectorsShownForWeeks): one seek.
    index("area_week_sector_figures_sector_week_idx").on(t.sectorId, t.week),
  ],
);

/**
 * Total displaced families per area and week, maintained with the figures above but with its own
 * rule (lib/figures/stock.ts): a stock, so an area that did not report keeps its last reported
 * total for `figure_rules.carry_forward_weeks` weeks, marked as carried forward.
 */
export const areaWeekStock = sqliteTable(
  "area_week_stock",
  {
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    week: text("week").notNull(),
    /** "direct": its own report this week; "children": the sum of its children's stock; "carried": its own last report, carried forward. */
    basis: text("basis", { enum: ["direct", "children", "carried"] }).notNull(),
    total: integer("total").notNull(),
    /** The part of `total` carried forward from earlier weeks, and from how many areas. */
    carriedTotal: integer("carried_total").notNull(),
    carriedAreas: integer("carried_areas").notNull(),
    /** The oldest week a carried part comes from. */
    carriedSince: text("carried_since"),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.week] }), index("area_week_stock_week_idx").on(t.week, t.basis, t.areaId)],
);

/** One row: the settings the stored figures were computed with (a change rebuilds them). */
export const figureRules = sqliteTable("figure_rules", {
  id: integer("id").primaryKey(),
  carryForwardWeeks: integer("carry_forward_weeks").notNull(),
  /** False until the stock has been computed from the reports with this setting. */
  stockBuilt: integer("stock_built", { mode: "boolean" }).notNull(),
});

/** A file import of weekly figures (lib/import/): who, which file, what it did, and whether it was undone. */
export const figureImports = sqliteTable(
  "figure_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    fileName: text("file_name").notNull(),
    fileSize: integer("file_size").notNull(),
    sha256: text("sha256").notNull(),
    rows: integer("rows").notNull(),
    created: integer("created").notNull(),
    updated: integer("updated").notNull(),
    unchanged: integer("unchanged").notNull(),
    /** File column → Rasd field, as applied. */
    mapping: text("mapping", { mode: "json" }).notNull(),
    createdAt: text("created_at").notNull().default(now),
    undoneAt: text("undone_at"),
    undoneBy: integer("undone_by").references(() => users.id),
  },
  (t) => [index("figure_imports_user_idx").on(t.userId, t.createdAt)],
);

/** Each report an import wrote, with the versions before and after: what undo checks and restores. */
export const figureImportReports = sqliteTable(
  "figure_import_reports",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => figureImports.id),
    /** Not a foreign key: undoing an import removes the reports it created. */
    reportId: integer("report_id").notNull(),
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    week: text("week").notNull(),
    /** 0: the import created the report. */
    versionBefore: integer("version_before").notNull(),
    versionAfter: integer("version_after").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.reportId] })],
);

/** A column mapping saved under a name, offered again for files with the same headers. */
export const importMappings = sqliteTable(
  "import_mappings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    signature: text("signature").notNull(),
    /** Header → field (null: ignored). */
    columns: text("columns", { mode: "json" }).notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("import_mappings_name_uq").on(t.name), index("import_mappings_signature_idx").on(t.signature)],
);

/**
 * A figures file kept between its preview and its apply (docs/decisions/052-import-uploads-kept-in-the-database.md):
 * the apply posts only this row's id, never the file again. Pruned after a day, removed once applied.
 */
export const importUploads = sqliteTable(
  "import_uploads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    fileName: text("file_name").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("import_uploads_created_idx").on(t.createdAt)],
);

/** A reader's comment on one report (issue 15): a thread shown on the report page, to whoever may read the report. */
export const reportComments = sqliteTable(
  "report_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => weeklyReports.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("report_comments_report_idx").on(t.reportId, t.id)],
);

/**
 * A figure of a report flagged for follow-up, with a reason; open until cleared with a note.
 * `field` names the figure as the form and the warnings do ("totalDisplacedFamilies",
 * "sectors.nfi.gapPct"), so a flag and a warning on the same figure read alike.
 */
export const reportFlags = sqliteTable(
  "report_flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => weeklyReports.id, { onDelete: "cascade" }),
    field: text("field").notNull(),
    /** The sector a sector figure belongs to, so the list filters by sector with an index; null for the counts. */
    sectorId: integer("sector_id").references(() => sectors.id),
    reason: text("reason").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
    clearedBy: integer("cleared_by").references(() => users.id),
    clearedAt: text("cleared_at"),
    clearNote: text("clear_note"),
  },
  (t) => [index("report_flags_report_idx").on(t.reportId, t.clearedAt), index("report_flags_open_idx").on(t.clearedAt, t.reportId)],
);

/**
 * DHIS2-style min-max rule of one figure for an area and its sub-areas (the nearest ancestor's
 * rule applies). Gap bounds are in tenths of a percent like the gaps (decision 003). A rule
 * applied from the history keeps how it was computed, so a reader can judge it.
 */
export const rangeRules = sqliteTable(
  "range_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    field: text("field").notNull(),
    min: integer("min"),
    max: integer("max"),
    /** "manual": typed by an admin; "history": a suggestion from the area's history, applied by an admin. */
    origin: text("origin", { enum: ["manual", "history"] }).notNull(),
    /** For "history": weeks used, median and MAD (in the stored unit), and the last week of the window. */
    basis: text("basis", { mode: "json" }),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("range_rules_area_field_uq").on(t.areaId, t.field), check("range_rules_bounds_ck", sql`${t.min} is null or ${t.max} is null or ${t.min} <= ${t.max}`)],
);

/**
 * One row: how reporting deadlines are computed (lib/reports/deadlines.ts, decision 056). The
 * deadline of a week is the end of the day `deadline_days` after its Sunday, in `time_zone`; with
 * `lock_days` set, the week locks that many days after its deadline.
 */
export const reportingSettings = sqliteTable("reporting_settings", {
  id: integer("id").primaryKey(),
  deadlineDays: integer("deadline_days").notNull().default(2),
  lockDays: integer("lock_days"),
  timeZone: text("time_zone").notNull().default("Asia/Damascus"),
  version: integer("version").notNull().default(1),
  updatedBy: integer("updated_by").references(() => users.id),
  updatedAt: text("updated_at").notNull().default(now),
});

/**
 * What an admin set for one week: its own deadline date, and a lock or unlock that overrides the
 * automatic lock (decision 057). A week without a row follows the settings.
 */
export const reportingWeeks = sqliteTable(
  "reporting_weeks",
  {
    week: text("week").primaryKey(),
    /** "YYYY-MM-DD" in the settings' time zone; null: the default deadline. */
    deadlineDate: text("deadline_date"),
    /** null: follow the automatic lock; "locked" / "unlocked": an admin's choice. */
    lockState: text("lock_state", { enum: ["locked", "unlocked"] }),
    lockReason: text("lock_reason"),
    version: integer("version").notNull().default(1),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    check("reporting_weeks_week_ck", sql`${t.week} glob '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'`),
    check("reporting_weeks_lock_ck", sql`${t.lockState} is null or ${t.lockState} in ('locked','unlocked')`),
  ],
);

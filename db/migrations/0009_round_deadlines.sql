CREATE TABLE `reporting_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`deadline_days` integer DEFAULT 2 NOT NULL,
	`lock_days` integer,
	`time_zone` text DEFAULT 'Asia/Damascus' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reporting_weeks` (
	`week` text PRIMARY KEY NOT NULL,
	`deadline_date` text,
	`lock_state` text,
	`lock_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reporting_weeks_week_ck" CHECK("reporting_weeks"."week" glob '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
	CONSTRAINT "reporting_weeks_lock_ck" CHECK("reporting_weeks"."lock_state" is null or "reporting_weeks"."lock_state" in ('locked','unlocked'))
);
--> statement-breakpoint
ALTER TABLE `sectors` ADD `hxl_attribute` text;--> statement-breakpoint
ALTER TABLE `sectors` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `area_week_sector_figures_sector_week_idx` ON `area_week_sector_figures` (`sector_id`,`week`);
CREATE TABLE `range_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_id` integer NOT NULL,
	`field` text NOT NULL,
	`min` integer,
	`max` integer,
	`origin` text NOT NULL,
	`basis` text,
	`updated_by` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "range_rules_bounds_ck" CHECK("range_rules"."min" is null or "range_rules"."max" is null or "range_rules"."min" <= "range_rules"."max")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `range_rules_area_field_uq` ON `range_rules` (`area_id`,`field`);--> statement-breakpoint
CREATE TABLE `report_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `weekly_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_comments_report_idx` ON `report_comments` (`report_id`,`id`);--> statement-breakpoint
CREATE TABLE `report_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`field` text NOT NULL,
	`sector_id` integer,
	`reason` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`cleared_by` integer,
	`cleared_at` text,
	`clear_note` text,
	FOREIGN KEY (`report_id`) REFERENCES `weekly_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sector_id`) REFERENCES `sectors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cleared_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_flags_report_idx` ON `report_flags` (`report_id`,`cleared_at`);--> statement-breakpoint
CREATE INDEX `report_flags_open_idx` ON `report_flags` (`cleared_at`,`report_id`);
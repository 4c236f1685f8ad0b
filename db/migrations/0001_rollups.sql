CREATE TABLE `area_week_figures` (
	`area_id` integer NOT NULL,
	`week` text NOT NULL,
	`basis` text NOT NULL,
	`newly` integer NOT NULL,
	`repeat` integer NOT NULL,
	`total` integer NOT NULL,
	`individuals` integer,
	`children_with_figures` integer NOT NULL,
	`children_newly` integer,
	`children_repeat` integer,
	`children_total` integer,
	PRIMARY KEY(`area_id`, `week`),
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `area_week_figures_week_idx` ON `area_week_figures` (`week`,`area_id`);--> statement-breakpoint
CREATE TABLE `area_week_sector_figures` (
	`area_id` integer NOT NULL,
	`week` text NOT NULL,
	`sector_id` integer NOT NULL,
	`gap_need` integer NOT NULL,
	`need` integer NOT NULL,
	`unmet` integer NOT NULL,
	PRIMARY KEY(`area_id`, `week`, `sector_id`),
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sector_id`) REFERENCES `sectors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `area_week_sector_figures_week_idx` ON `area_week_sector_figures` (`week`,`sector_id`);
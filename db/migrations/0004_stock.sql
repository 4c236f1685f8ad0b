-- Total displaced families is a stock: an area that did not report this week keeps its last
-- reported total for a few weeks, marked as carried forward (docs/decisions/036).
CREATE TABLE `area_week_stock` (
	`area_id` integer NOT NULL,
	`week` text NOT NULL,
	`basis` text NOT NULL,
	`total` integer NOT NULL,
	`carried_total` integer NOT NULL,
	`carried_areas` integer NOT NULL,
	`carried_since` text,
	PRIMARY KEY(`area_id`, `week`),
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `area_week_stock_week_idx` ON `area_week_stock` (`week`,`basis`,`area_id`);
--> statement-breakpoint
CREATE TABLE `figure_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`carry_forward_weeks` integer NOT NULL,
	`stock_built` integer NOT NULL
);
--> statement-breakpoint
-- stock_built 0: the stock of existing figures is computed by the next start (lib/seed/prepare-database.ts).
INSERT INTO `figure_rules` (`id`, `carry_forward_weeks`, `stock_built`) VALUES (1, 4, 0);

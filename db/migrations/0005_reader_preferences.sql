ALTER TABLE `users` ADD `locale_chosen` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `time_zone` text DEFAULT 'Asia/Damascus' NOT NULL;
CREATE TABLE `sr_events_parked` (
	`id` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`event` text NOT NULL,
	`parked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sr_events_parked_sr_idx` ON `sr_events_parked` (`source`,`source_id`);
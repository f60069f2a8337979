DROP INDEX `sr_events_source_event_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `sr_events_event_sr_uq` ON `sr_events` (`source_event_id`,`sr_id`) WHERE "sr_events"."source_event_id" IS NOT NULL;
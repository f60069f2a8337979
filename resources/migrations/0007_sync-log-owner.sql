ALTER TABLE `sync_log` ADD `owner_pid` integer;--> statement-breakpoint
CREATE INDEX `sync_log_running_idx` ON `sync_log` (`source`) WHERE "sync_log"."status" = 'running';
CREATE TABLE `sla_calendars` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`hours` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "sla_calendars_kind_ck" CHECK(("sla_calendars"."kind" = '24x7' OR "sla_calendars"."kind" = 'business'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_calendars_name_unique` ON `sla_calendars` (`name`);--> statement-breakpoint
CREATE TABLE `sla_holidays` (
	`calendar_id` integer NOT NULL,
	`day` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`origin` text DEFAULT 'manual' NOT NULL,
	PRIMARY KEY(`calendar_id`, `day`),
	FOREIGN KEY (`calendar_id`) REFERENCES `sla_calendars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sla_policy_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`effective_from` integer NOT NULL,
	`calendar_id` integer NOT NULL,
	`targets` text NOT NULL,
	`overrides` text DEFAULT '[]' NOT NULL,
	`pause_on_pending` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`changed_by` text,
	FOREIGN KEY (`calendar_id`) REFERENCES `sla_calendars`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_policy_versions_version_unique` ON `sla_policy_versions` (`version`);--> statement-breakpoint
CREATE INDEX `sla_policy_effective_idx` ON `sla_policy_versions` (`effective_from`);--> statement-breakpoint
ALTER TABLE `service_requests` ADD `mttr_ms` integer;--> statement-breakpoint
ALTER TABLE `service_requests` ADD `sla_target_ms` integer;--> statement-breakpoint
ALTER TABLE `service_requests` ADD `sla_elapsed_ms` integer;--> statement-breakpoint
ALTER TABLE `service_requests` ADD `sla_met` integer;
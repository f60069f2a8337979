CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_name_unique` ON `categories` (`name`);--> statement-breakpoint
CREATE TABLE `deployments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`tenant_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`status` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deployments_status_ck" CHECK(("deployments"."status" = 'DEPLOYED' OR "deployments"."status" = 'FAILED' OR "deployments"."status" = 'ROLLED_BACK' OR "deployments"."status" = 'RUNNING'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deployments_source_uq` ON `deployments` (`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `deployments_finished_idx` ON `deployments` (`finished_at`);--> statement-breakpoint
CREATE TABLE `feature_usage` (
	`tenant_id` integer NOT NULL,
	`feature` text NOT NULL,
	`month` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `feature`, `month`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `kpi_definition_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kpi_id` integer NOT NULL,
	`version` integer NOT NULL,
	`effective_from` integer NOT NULL,
	`display_name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`target` real NOT NULL,
	`period` text NOT NULL,
	`thresholds` text NOT NULL,
	`filter` text,
	`base_metric` text NOT NULL,
	`created_at` integer NOT NULL,
	`changed_by` text,
	FOREIGN KEY (`kpi_id`) REFERENCES `kpi_definitions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_versions_uq` ON `kpi_definition_versions` (`kpi_id`,`version`);--> statement-breakpoint
CREATE INDEX `kpi_versions_effective_idx` ON `kpi_definition_versions` (`kpi_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `kpi_definitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`display_name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`target` real NOT NULL,
	`period` text NOT NULL,
	`thresholds` text NOT NULL,
	`filter` text,
	`base_metric` text NOT NULL,
	`effective_from` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "kpi_direction_ck" CHECK(("kpi_definitions"."direction" = 'HIGHER_BETTER' OR "kpi_definitions"."direction" = 'LOWER_BETTER')),
	CONSTRAINT "kpi_period_ck" CHECK(("kpi_definitions"."period" = 'DAILY' OR "kpi_definitions"."period" = 'WEEKLY' OR "kpi_definitions"."period" = 'MONTHLY'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_definitions_name_unique` ON `kpi_definitions` (`name`);--> statement-breakpoint
CREATE TABLE `kpi_values` (
	`kpi_id` integer NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`value` real,
	`status` text NOT NULL,
	`achievement_pct` real,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`kpi_id`, `period_start`),
	FOREIGN KEY (`kpi_id`) REFERENCES `kpi_definitions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "kpi_values_status_ck" CHECK(("kpi_values"."status" = 'GREEN' OR "kpi_values"."status" = 'YELLOW' OR "kpi_values"."status" = 'RED' OR "kpi_values"."status" = 'NO_DATA'))
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`tenant_id` integer,
	`name` text NOT NULL,
	`email` text,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_active_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "people_role_ck" CHECK(("people"."role" = 'engineer' OR "people"."role" = 'requester' OR "people"."role" = 'manager' OR "people"."role" = 'admin'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_source_uq` ON `people` (`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `people_tenant_idx` ON `people` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `report_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`format` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`path` text NOT NULL,
	`created_at` integer NOT NULL,
	`data_watermark` integer,
	`params` text,
	`schedule_id` integer,
	FOREIGN KEY (`schedule_id`) REFERENCES `report_schedules`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `report_records_created_idx` ON `report_records` (`created_at`);--> statement-breakpoint
CREATE TABLE `report_schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`cron` text NOT NULL,
	`template` text NOT NULL,
	`format` text NOT NULL,
	`output_dir` text NOT NULL,
	`smtp` text,
	`enabled` integer DEFAULT 1 NOT NULL,
	`last_run_at` integer,
	`next_run_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`number` text,
	`tenant_id` integer NOT NULL,
	`title` text NOT NULL,
	`category_id` integer,
	`priority` text NOT NULL,
	`status` text NOT NULL,
	`requester` text,
	`assignee_id` integer,
	`created_at` integer NOT NULL,
	`first_response_at` integer,
	`resolved_at` integer,
	`resolved_at_source` integer,
	`resolved_at_estimated` integer DEFAULT 0 NOT NULL,
	`closed_at` integer,
	`finished_at` integer,
	`updated_at` integer NOT NULL,
	`reassignment_count` integer DEFAULT 0 NOT NULL,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`raw` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sr_status_ck" CHECK(("service_requests"."status" = 'OPEN' OR "service_requests"."status" = 'IN_PROGRESS' OR "service_requests"."status" = 'PENDING' OR "service_requests"."status" = 'RESOLVED' OR "service_requests"."status" = 'DONE' OR "service_requests"."status" = 'CANCELLED')),
	CONSTRAINT "sr_priority_ck" CHECK(("service_requests"."priority" = 'P1' OR "service_requests"."priority" = 'P2' OR "service_requests"."priority" = 'P3' OR "service_requests"."priority" = 'P4'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sr_source_uq` ON `service_requests` (`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `sr_status_tenant_idx` ON `service_requests` (`status`,`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `sr_tenant_created_idx` ON `service_requests` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `sr_created_idx` ON `service_requests` (`created_at`);--> statement-breakpoint
CREATE INDEX `sr_resolved_idx` ON `service_requests` (`resolved_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `sr_tenant_resolved_idx` ON `service_requests` (`tenant_id`,`resolved_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `sr_assignee_created_idx` ON `service_requests` (`assignee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `sr_category_created_idx` ON `service_requests` (`category_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`config` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "sources_kind_ck" CHECK(("sources"."kind" = 'itsm' OR "sources"."kind" = 'servicenow' OR "sources"."kind" = 'file' OR "sources"."kind" = 'youtube' OR "sources"."kind" = 'demo'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_name_unique` ON `sources` (`name`);--> statement-breakpoint
CREATE TABLE `sr_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`sr_id` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`actor_id` integer,
	`assignee_id` integer,
	`note` text,
	FOREIGN KEY (`sr_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sr_events_kind_ck" CHECK(("sr_events"."kind" = 'status' OR "sr_events"."kind" = 'assignment' OR "sr_events"."kind" = 'worklog' OR "sr_events"."kind" = 'comment'))
);
--> statement-breakpoint
CREATE INDEX `sr_events_sr_at_idx` ON `sr_events` (`sr_id`,`at`);--> statement-breakpoint
CREATE TABLE `sync_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`entity` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`status` text NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`pages` integer DEFAULT 0 NOT NULL,
	`error` text,
	CONSTRAINT "sync_log_status_ck" CHECK(("sync_log"."status" = 'running' OR "sync_log"."status" = 'ok' OR "sync_log"."status" = 'failed' OR "sync_log"."status" = 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX `sync_log_source_started_idx` ON `sync_log` (`source`,`started_at`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`source` text NOT NULL,
	`entity` text NOT NULL,
	`cursor` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`source`, `entity`)
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_name_unique` ON `tenants` (`name`);--> statement-breakpoint
CREATE TABLE `workspace_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `yt_channel_daily` (
	`channel_id` text NOT NULL,
	`day` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`watch_minutes` real DEFAULT 0 NOT NULL,
	`avg_view_duration_sec` real DEFAULT 0 NOT NULL,
	`subscribers_gained` integer DEFAULT 0 NOT NULL,
	`subscribers_lost` integer DEFAULT 0 NOT NULL,
	`likes` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`shares` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`channel_id`, `day`),
	FOREIGN KEY (`channel_id`) REFERENCES `yt_channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `yt_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text DEFAULT 'youtube' NOT NULL,
	`title` text NOT NULL,
	`handle` text,
	`thumbnail_url` text,
	`uploads_playlist_id` text,
	`connected_at` integer NOT NULL,
	`selected` integer DEFAULT 0 NOT NULL,
	`subscriber_count` integer,
	`video_count` integer,
	`view_count` integer,
	`auth_state` text DEFAULT 'connected' NOT NULL,
	`data_through` text,
	`last_synced_at` integer
);
--> statement-breakpoint
CREATE TABLE `yt_demographics` (
	`channel_id` text NOT NULL,
	`month` text NOT NULL,
	`age_group` text NOT NULL,
	`gender` text NOT NULL,
	`viewer_pct` real NOT NULL,
	PRIMARY KEY(`channel_id`, `month`, `age_group`, `gender`),
	FOREIGN KEY (`channel_id`) REFERENCES `yt_channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `yt_geography` (
	`channel_id` text NOT NULL,
	`month` text NOT NULL,
	`country` text NOT NULL,
	`views` integer NOT NULL,
	PRIMARY KEY(`channel_id`, `month`, `country`),
	FOREIGN KEY (`channel_id`) REFERENCES `yt_channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `yt_video_daily` (
	`video_id` text NOT NULL,
	`day` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`watch_minutes` real DEFAULT 0 NOT NULL,
	`likes` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`shares` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`video_id`, `day`),
	FOREIGN KEY (`video_id`) REFERENCES `yt_videos`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `yt_video_daily_day_idx` ON `yt_video_daily` (`day`);--> statement-breakpoint
CREATE TABLE `yt_videos` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`title` text NOT NULL,
	`published_at` integer NOT NULL,
	`duration_sec` integer,
	`thumbnail_url` text,
	FOREIGN KEY (`channel_id`) REFERENCES `yt_channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `yt_videos_channel_published_idx` ON `yt_videos` (`channel_id`,`published_at`);
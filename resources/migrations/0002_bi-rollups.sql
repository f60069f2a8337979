CREATE TABLE `sr_rollup_assignee_daily` (
	`day` integer NOT NULL,
	`tenant_id` integer NOT NULL,
	`assignee_id` integer NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	`open` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `tenant_id`, `assignee_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `sr_rollup_category_daily` (
	`day` integer NOT NULL,
	`tenant_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	`on_time` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `tenant_id`, `category_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `sr_rollup_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`zone` text,
	`stale` integer DEFAULT 1 NOT NULL,
	`tracking` integer DEFAULT 0 NOT NULL,
	`built_at` integer
);
--> statement-breakpoint
CREATE TABLE `sr_rollup_status_daily` (
	`day` integer NOT NULL,
	`tenant_id` integer NOT NULL,
	`status` text NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `tenant_id`, `status`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `sr_rollup_tenant_daily` (
	`day` integer NOT NULL,
	`tenant_id` integer NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	`on_time` integer DEFAULT 0 NOT NULL,
	`mttr_ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `tenant_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `sr_rollup_state` (`id`, `zone`, `stale`, `tracking`) VALUES (1, NULL, 1, 0);
--> statement-breakpoint
CREATE TRIGGER `sr_rollup_guard_delete` AFTER DELETE ON `service_requests`
WHEN (SELECT `stale` = 0 AND `tracking` = 0 FROM `sr_rollup_state` WHERE `id` = 1)
BEGIN
	UPDATE `sr_rollup_state` SET `stale` = 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sr_rollup_guard_update` AFTER UPDATE OF `tenant_id`, `category_id`, `priority`, `status`, `assignee_id`, `created_at`, `resolved_at`, `mttr_ms`, `sla_met` ON `service_requests`
WHEN (SELECT `stale` = 0 AND `tracking` = 0 FROM `sr_rollup_state` WHERE `id` = 1)
BEGIN
	UPDATE `sr_rollup_state` SET `stale` = 1 WHERE `id` = 1;
END;

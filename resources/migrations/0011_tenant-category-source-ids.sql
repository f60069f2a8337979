CREATE TABLE `category_source_ids` (
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`category_id` integer NOT NULL,
	`name` text NOT NULL,
	`pending` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`source`, `source_id`),
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `category_source_ids_category_idx` ON `category_source_ids` (`category_id`);--> statement-breakpoint
CREATE TABLE `tenant_source_ids` (
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`tenant_id` integer NOT NULL,
	`name` text NOT NULL,
	`pending` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`source`, `source_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tenant_source_ids_tenant_idx` ON `tenant_source_ids` (`tenant_id`);--> statement-breakpoint
-- The ids are learnt from /tenants and /categories, which an incremental sync serves only when changed:
-- the next sync of each ITSM REST connection reads both again from the start (a few hundred rows), so
-- every tenant and category it serves gets its id before any rename can arrive.
DELETE FROM `sync_state` WHERE `source` LIKE 'itsm:%' AND `entity` IN ('tenants', 'categories');

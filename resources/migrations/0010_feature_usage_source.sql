PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_feature_usage` (
	`source` text DEFAULT '' NOT NULL,
	`tenant_id` integer NOT NULL,
	`feature` text NOT NULL,
	`month` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`source`, `tenant_id`, `feature`, `month`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The old table has no source: its rows are kept with source '' (stored before usage had a source).
INSERT INTO `__new_feature_usage`("source", "tenant_id", "feature", "month", "count") SELECT '', "tenant_id", "feature", "month", "count" FROM `feature_usage`;--> statement-breakpoint
DROP TABLE `feature_usage`;--> statement-breakpoint
ALTER TABLE `__new_feature_usage` RENAME TO `feature_usage`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
// The local store (SPEC §2). Every instant is INTEGER epoch milliseconds UTC; period boundaries are
// computed in the workspace zone at query time, never stored. Day/month labels of feeds that arrive
// pre-aggregated (YouTube, feature usage) are kept as the text the feed gave ('YYYY-MM-DD', 'YYYY-MM').
// TS property names are camelCase; SQL names are snake_case (raw SQL in the metric modules uses those).
// Changing this file means a new migration: `npx drizzle-kit generate --name <what-changed>`.
import { sql } from 'drizzle-orm'
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core'
import { DEPLOYMENT_STATUSES, PRIORITIES, SR_STATUSES } from '../../../shared/domain'

/**
 * `(col = 'a' OR col = 'b' …)` for a CHECK constraint (literals only: our own vocabularies, never
 * user input). Not `col IN (…)`: SQLite builds an ephemeral table for an IN list on every row a CHECK
 * is evaluated for, which halved bulk-insert speed; the OR chain costs next to nothing.
 */
function oneOf(column: AnySQLiteColumn, values: readonly string[]) {
  const alternatives = values.map((v) => sql`${column} = ${sql.raw(`'${v}'`)}`)
  return sql`(${sql.join(alternatives, sql` OR `)})`
}

export const tenants = sqliteTable('tenants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  createdAt: integer('created_at').notNull(),
})

export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
})

/**
 * Which tenant each source's own tenant id names (ITSM REST `/tenants`' `id`), per connection
 * (`itsm:<name>`). Tenants stay keyed by name (the same name from two connections or a file import is
 * one tenant); this only lets a later sync that serves a known id under a new name rename the tenant in
 * place (repositories/tenants.ts). `name` is the name the source served last; `pending` is 1 while a
 * rename to it waits because another tenant this source serves still holds that name.
 */
export const tenantSourceIds = sqliteTable(
  'tenant_source_ids',
  {
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    pending: integer('pending').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.sourceId] }),
    index('tenant_source_ids_tenant_idx').on(t.tenantId),
  ],
)

/** As tenant_source_ids, for categories (ITSM REST `/categories`' `id`). */
export const categorySourceIds = sqliteTable(
  'category_source_ids',
  {
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    name: text('name').notNull(),
    pending: integer('pending').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.sourceId] }),
    index('category_source_ids_category_idx').on(t.categoryId),
  ],
)

export const PERSON_ROLES = ['engineer', 'requester', 'manager', 'admin'] as const
export type PersonRole = (typeof PERSON_ROLES)[number]

export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    tenantId: integer('tenant_id').references(() => tenants.id),
    name: text('name').notNull(),
    email: text('email'),
    role: text('role', { enum: PERSON_ROLES }).notNull(),
    createdAt: integer('created_at').notNull(),
    lastActiveAt: integer('last_active_at'),
  },
  (t) => [
    uniqueIndex('people_source_uq').on(t.source, t.sourceId),
    index('people_tenant_idx').on(t.tenantId),
    check('people_role_ck', oneOf(t.role, PERSON_ROLES)),
  ],
)

const SR_STATUS_VALUES = SR_STATUSES
const PRIORITY_VALUES = PRIORITIES

export const serviceRequests = sqliteTable(
  'service_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    number: text('number'),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    title: text('title').notNull(),
    categoryId: integer('category_id').references(() => categories.id),
    priority: text('priority', { enum: PRIORITY_VALUES }).notNull(),
    status: text('status', { enum: SR_STATUS_VALUES }).notNull(),
    requester: text('requester'),
    assigneeId: integer('assignee_id').references(() => people.id),
    createdAt: integer('created_at').notNull(),
    firstResponseAt: integer('first_response_at'),
    /** Derived (SPEC §2): what every metric reads. */
    resolvedAt: integer('resolved_at'),
    /** As the source gave it, kept so a later derivation can be redone. */
    resolvedAtSource: integer('resolved_at_source'),
    resolvedAtEstimated: integer('resolved_at_estimated').notNull().default(0),
    closedAt: integer('closed_at'),
    /** Derived: resolved_at for resolved-like, closed_at ?? updated_at for CANCELLED. */
    finishedAt: integer('finished_at'),
    updatedAt: integer('updated_at').notNull(),
    reassignmentCount: integer('reassignment_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    raw: text('raw'),
    // SLA/MTTR judgement (SPEC §3), derived when the SR is written (and again when the SLA policy
    // changes) by the metrics module, so every widget, rollup and KPI reads the same numbers.
    /** MTTR clock duration resolved_at − created_at (business hours when the calendar says so); null unless resolved. */
    mttrMs: integer('mttr_ms'),
    /** SLA target of the policy version in force at created_at (priority, category override). */
    slaTargetMs: integer('sla_target_ms'),
    /** Resolution time on the SLA calendar minus PENDING time (when events exist); null unless resolved. */
    slaElapsedMs: integer('sla_elapsed_ms'),
    /** 1 when sla_elapsed_ms ≤ sla_target_ms, 0 when breached, null unless resolved. */
    slaMet: integer('sla_met'),
  },
  (t) => [
    uniqueIndex('sr_source_uq').on(t.source, t.sourceId),
    // Covering indexes for the overview cards: status counts by tenant up to as-of, and resolved
    // counts/MTTR over a resolved_at range (resolved_at is non-null exactly for resolved-like SRs).
    index('sr_status_tenant_idx').on(t.status, t.tenantId, t.createdAt),
    index('sr_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('sr_created_idx').on(t.createdAt),
    index('sr_resolved_idx').on(t.resolvedAt, t.createdAt),
    index('sr_tenant_resolved_idx').on(t.tenantId, t.resolvedAt, t.createdAt),
    index('sr_assignee_created_idx').on(t.assigneeId, t.createdAt),
    index('sr_category_created_idx').on(t.categoryId, t.createdAt),
    check('sr_status_ck', oneOf(t.status, SR_STATUS_VALUES)),
    check('sr_priority_ck', oneOf(t.priority, PRIORITY_VALUES)),
  ],
)

export const SR_EVENT_KINDS = ['status', 'assignment', 'worklog', 'comment'] as const
export type SrEventKind = (typeof SR_EVENT_KINDS)[number]

export const srEvents = sqliteTable(
  'sr_events',
  {
    // No AUTOINCREMENT: events are written by the million and the sqlite_sequence bookkeeping costs
    // time; event ids are never shown or kept by anyone outside this table.
    id: integer('id').primaryKey(),
    srId: integer('sr_id')
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    kind: text('kind', { enum: SR_EVENT_KINDS }).notNull(),
    fromStatus: text('from_status', { enum: SR_STATUS_VALUES }),
    toStatus: text('to_status', { enum: SR_STATUS_VALUES }),
    actorId: integer('actor_id').references(() => people.id),
    assigneeId: integer('assignee_id').references(() => people.id),
    note: text('note'),
    /**
     * The source's own id of the event when it has one (ITSM REST `sr-events.id`): an event edited
     * upstream is rewritten in place rather than stored a second time. Null for events without one
     * (imports, the demo, histories carried inline by an SR), which are matched by content.
     */
    sourceEventId: text('source_event_id'),
  },
  (t) => [
    index('sr_events_sr_at_idx').on(t.srId, t.at),
    // Partial: events without a source id (the demo writes millions) cost this index nothing. The
    // source id leads, so the writer finds an event by it across SRs (an event moved to another SR
    // upstream keeps its id: service-requests.ts insertSrEvents); unique per SR as before.
    uniqueIndex('sr_events_event_sr_uq')
      .on(t.sourceEventId, t.srId)
      .where(sql`${t.sourceEventId} IS NOT NULL`),
    check('sr_events_kind_ck', oneOf(t.kind, SR_EVENT_KINDS)),
  ],
)

/**
 * Events a sync received before their SR: an SR created upstream after the sync's SR pass and before
 * its event pass. The event pass never sends them again (its cursor moves past), so they wait here,
 * as the SrEventRecord JSON, until a later SR pass brings their SR.
 */
export const srEventsParked = sqliteTable(
  'sr_events_parked',
  {
    id: integer('id').primaryKey(),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    event: text('event').notNull(),
    parkedAt: integer('parked_at').notNull(),
  },
  (t) => [index('sr_events_parked_sr_idx').on(t.source, t.sourceId)],
)

const DEPLOYMENT_STATUS_VALUES = DEPLOYMENT_STATUSES

export const deployments = sqliteTable(
  'deployments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
    status: text('status', { enum: DEPLOYMENT_STATUS_VALUES }).notNull(),
  },
  (t) => [
    uniqueIndex('deployments_source_uq').on(t.source, t.sourceId),
    index('deployments_finished_idx').on(t.finishedAt),
    check('deployments_status_ck', oneOf(t.status, DEPLOYMENT_STATUS_VALUES)),
  ],
)

export const featureUsage = sqliteTable(
  'feature_usage',
  {
    /**
     * The connection that reported the count (`itsm:prod`, 'demo'), as SRs and deployments carry it, so
     * two sources reporting the same tenant each keep their own count (reads add them up). '' marks a
     * row stored before usage had a source; a source sending that tenant, feature and month replaces it.
     */
    source: text('source').notNull().default(''),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    feature: text('feature').notNull(),
    /** 'YYYY-MM' in the workspace zone, as the usage feed reports it. */
    month: text('month').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.tenantId, t.feature, t.month] })],
)

// ---- YouTube (SPEC §7) ----

export const ytChannels = sqliteTable('yt_channels', {
  id: text('id').primaryKey(),
  /** 'youtube' for a connected account, 'demo' for the generated one (so a demo reset never touches real data). */
  source: text('source').notNull().default('youtube'),
  title: text('title').notNull(),
  handle: text('handle'),
  thumbnailUrl: text('thumbnail_url'),
  uploadsPlaylistId: text('uploads_playlist_id'),
  connectedAt: integer('connected_at').notNull(),
  selected: integer('selected').notNull().default(0),
  subscriberCount: integer('subscriber_count'),
  videoCount: integer('video_count'),
  viewCount: integer('view_count'),
  /** 'connected' | 'reconnect' (token expired or revoked: cached data stays usable). */
  authState: text('auth_state').notNull().default('connected'),
  /** Last analytics day actually returned ('YYYY-MM-DD'): "data through <date>". */
  dataThrough: text('data_through'),
  lastSyncedAt: integer('last_synced_at'),
})

export const ytVideos = sqliteTable(
  'yt_videos',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => ytChannels.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    publishedAt: integer('published_at').notNull(),
    durationSec: integer('duration_sec'),
    thumbnailUrl: text('thumbnail_url'),
  },
  (t) => [index('yt_videos_channel_published_idx').on(t.channelId, t.publishedAt)],
)

export const ytChannelDaily = sqliteTable(
  'yt_channel_daily',
  {
    channelId: text('channel_id')
      .notNull()
      .references(() => ytChannels.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    views: integer('views').notNull().default(0),
    watchMinutes: real('watch_minutes').notNull().default(0),
    avgViewDurationSec: real('avg_view_duration_sec').notNull().default(0),
    subscribersGained: integer('subscribers_gained').notNull().default(0),
    subscribersLost: integer('subscribers_lost').notNull().default(0),
    likes: integer('likes').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    shares: integer('shares').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.day] })],
)

export const ytVideoDaily = sqliteTable(
  'yt_video_daily',
  {
    videoId: text('video_id')
      .notNull()
      .references(() => ytVideos.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    views: integer('views').notNull().default(0),
    watchMinutes: real('watch_minutes').notNull().default(0),
    likes: integer('likes').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    shares: integer('shares').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.day] }), index('yt_video_daily_day_idx').on(t.day)],
)

export const ytDemographics = sqliteTable(
  'yt_demographics',
  {
    channelId: text('channel_id')
      .notNull()
      .references(() => ytChannels.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    /** As the Analytics API names it: 'age13-17', 'age18-24', … 'age65-'. */
    ageGroup: text('age_group').notNull(),
    gender: text('gender', { enum: ['female', 'male', 'user_specified'] }).notNull(),
    viewerPct: real('viewer_pct').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.month, t.ageGroup, t.gender] })],
)

export const ytGeography = sqliteTable(
  'yt_geography',
  {
    channelId: text('channel_id')
      .notNull()
      .references(() => ytChannels.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    views: integer('views').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.month, t.country] })],
)

// ---- SLA policy and calendars (SPEC §3) ----

const SLA_CALENDAR_KINDS = ['24x7', 'business'] as const

export const slaCalendars = sqliteTable(
  'sla_calendars',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull().unique(),
    kind: text('kind', { enum: SLA_CALENDAR_KINDS }).notNull(),
    /** JSON for business calendars: ISO weekday (1 = Monday … 7) → [[startMinute, endMinute], …] local time. */
    hours: text('hours'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [check('sla_calendars_kind_ck', oneOf(t.kind, SLA_CALENDAR_KINDS))],
)

export const slaHolidays = sqliteTable(
  'sla_holidays',
  {
    calendarId: integer('calendar_id')
      .notNull()
      .references(() => slaCalendars.id, { onDelete: 'cascade' }),
    /** Local day 'YYYY-MM-DD' in the workspace zone. */
    day: text('day').notNull(),
    name: text('name').notNull().default(''),
    /** 'manual' or 'ical' (imported). */
    origin: text('origin').notNull().default('manual'),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.day] })],
)

/** The SLA policy's versions: an SR is judged by the version in force at its created_at (SPEC §3). */
export const slaPolicyVersions = sqliteTable(
  'sla_policy_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    version: integer('version').notNull().unique(),
    effectiveFrom: integer('effective_from').notNull(),
    calendarId: integer('calendar_id')
      .notNull()
      .references(() => slaCalendars.id),
    /** JSON {"P1": hours, "P2": …, "P3": …, "P4": …}. */
    targets: text('targets').notNull(),
    /** JSON [{category, priority?, hours}]: category overrides. */
    overrides: text('overrides').notNull().default('[]'),
    /** 1: PENDING time (from events) pauses the SLA clock. */
    pauseOnPending: integer('pause_on_pending').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    changedBy: text('changed_by'),
  },
  (t) => [index('sla_policy_effective_idx').on(t.effectiveFrom)],
)

// ---- KPIs (SPEC §6) ----

const KPI_DIRECTIONS = ['HIGHER_BETTER', 'LOWER_BETTER'] as const
const KPI_PERIODS = ['DAILY', 'WEEKLY', 'MONTHLY'] as const
const KPI_STATUSES = ['GREEN', 'YELLOW', 'RED', 'NO_DATA'] as const

export const kpiDefinitions = sqliteTable(
  'kpi_definitions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull().unique(),
    displayName: text('display_name').notNull(),
    description: text('description').notNull().default(''),
    unit: text('unit').notNull(),
    direction: text('direction', { enum: KPI_DIRECTIONS }).notNull(),
    target: real('target').notNull(),
    period: text('period', { enum: KPI_PERIODS }).notNull(),
    /** JSON, e.g. {"green":95,"yellow":80} or {"yellowFactor":1.2}. */
    thresholds: text('thresholds').notNull(),
    /** JSON {tenant?, category?, priority?}; null = all SRs. */
    filter: text('filter'),
    baseMetric: text('base_metric').notNull(),
    effectiveFrom: integer('effective_from').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    check('kpi_direction_ck', oneOf(t.direction, KPI_DIRECTIONS)),
    check('kpi_period_ck', oneOf(t.period, KPI_PERIODS)),
  ],
)

/** Every edit of a definition, so a period is judged by the version in force then (SPEC §3). */
export const kpiDefinitionVersions = sqliteTable(
  'kpi_definition_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kpiId: integer('kpi_id')
      .notNull()
      .references(() => kpiDefinitions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    effectiveFrom: integer('effective_from').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description').notNull().default(''),
    unit: text('unit').notNull(),
    direction: text('direction', { enum: KPI_DIRECTIONS }).notNull(),
    target: real('target').notNull(),
    period: text('period', { enum: KPI_PERIODS }).notNull(),
    thresholds: text('thresholds').notNull(),
    filter: text('filter'),
    baseMetric: text('base_metric').notNull(),
    createdAt: integer('created_at').notNull(),
    changedBy: text('changed_by'),
  },
  (t) => [
    uniqueIndex('kpi_versions_uq').on(t.kpiId, t.version),
    index('kpi_versions_effective_idx').on(t.kpiId, t.effectiveFrom),
  ],
)

export const kpiValues = sqliteTable(
  'kpi_values',
  {
    kpiId: integer('kpi_id')
      .notNull()
      .references(() => kpiDefinitions.id, { onDelete: 'cascade' }),
    periodStart: integer('period_start').notNull(),
    periodEnd: integer('period_end').notNull(),
    value: real('value'),
    status: text('status', { enum: KPI_STATUSES }).notNull(),
    achievementPct: real('achievement_pct'),
    computedAt: integer('computed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kpiId, t.periodStart] }),
    check('kpi_values_status_ck', oneOf(t.status, KPI_STATUSES)),
  ],
)

// ---- Reports (SPEC §8) ----

export const reportSchedules = sqliteTable('report_schedules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  cron: text('cron').notNull(),
  template: text('template').notNull(),
  format: text('format').notNull(),
  outputDir: text('output_dir').notNull(),
  /** JSON {host, port, secure, from, to[]}; the password lives in the OS keychain, never here. */
  smtp: text('smtp'),
  enabled: integer('enabled').notNull().default(1),
  lastRunAt: integer('last_run_at'),
  nextRunAt: integer('next_run_at'),
  createdAt: integer('created_at').notNull(),
})

export const reportRecords = sqliteTable(
  'report_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    template: text('template').notNull(),
    periodStart: integer('period_start').notNull(),
    periodEnd: integer('period_end').notNull(),
    format: text('format').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    path: text('path').notNull(),
    createdAt: integer('created_at').notNull(),
    dataWatermark: integer('data_watermark'),
    /** JSON of the remaining generation parameters (tenant filter, language), for "regenerate". */
    params: text('params'),
    scheduleId: integer('schedule_id').references(() => reportSchedules.id, { onDelete: 'set null' }),
  },
  (t) => [index('report_records_created_idx').on(t.createdAt)],
)

// ---- Sources and sync (SPEC §10) ----

const SOURCE_KINDS = ['itsm', 'servicenow', 'file', 'youtube', 'demo'] as const
const SYNC_STATUSES = ['running', 'ok', 'failed', 'cancelled'] as const

export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull().unique(),
    kind: text('kind', { enum: SOURCE_KINDS }).notNull(),
    /** JSON without secrets (those stay in the OS keychain). */
    config: text('config').notNull().default('{}'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [check('sources_kind_ck', oneOf(t.kind, SOURCE_KINDS))],
)

export const syncState = sqliteTable(
  'sync_state',
  {
    source: text('source').notNull(),
    entity: text('entity').notNull(),
    cursor: text('cursor').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.entity] })],
)

export const syncLog = sqliteTable(
  'sync_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    entity: text('entity').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    status: text('status', { enum: SYNC_STATUSES }).notNull(),
    rows: integer('rows').notNull().default(0),
    pages: integer('pages').notNull().default(0),
    error: text('error'),
    /**
     * Why the run failed as a code and params (JSON, shared/ipc/sync-error-reasons.ts), so the app
     * words it in its own language; `error` keeps the English message. Null for runs that went well,
     * for failures nothing sorts, and for entries written before reasons were kept.
     */
    errorReason: text('error_reason'),
    /** What else names the run: an import's file name. */
    detail: text('detail'),
    /**
     * The process (pid) that wrote the entry while it runs: a 'running' entry of a live process other
     * than this one means the source is being synced there (sync/state.ts closeAbandonedRuns).
     */
    ownerPid: integer('owner_pid'),
    /**
     * While it runs, the owner's last sign of life (epoch ms), written every SYNC_HEARTBEAT_MS: an
     * entry whose heartbeat stopped belongs to a process that is gone, even when its pid now names
     * another process (sync/state.ts). Null on entries written before heartbeats were kept.
     */
    heartbeatAt: integer('heartbeat_at'),
  },
  (t) => [
    index('sync_log_source_started_idx').on(t.source, t.startedAt),
    // Partial: only the few running entries, so a sync start finds them without reading the log.
    index('sync_log_running_idx')
      .on(t.source)
      .where(sql`${t.status} = 'running'`),
    check('sync_log_status_ck', oneOf(t.status, SYNC_STATUSES)),
  ],
)

// ---- BI rollups (SPEC §4; src/main/core/rollups) ----
// Per local day (in the zone recorded in sr_rollup_state) × tenant [× category | status | assignee]
// counts, maintained by the SR writer as deltas in the same transaction, so the BI widgets read a few
// thousand small rows instead of grouping a million SRs. `day` = days since 1970-01-01 of the local
// date; category_id / assignee_id 0 = none. Created-side columns count by the local day of
// created_at, resolved-side ones by the local day of resolved_at. These are derived data: no foreign
// keys, and migration 0002 declares the four tables WITHOUT ROWID (drizzle cannot say so) so a range
// scan reads the counts straight from the primary key's b-tree. Guard triggers in that migration mark
// the rollups stale when SRs are deleted or updated by anything other than the tracked writer.

/** One row (id = 1): which zone the rollups were built for, and whether they can be trusted. */
export const srRollupState = sqliteTable('sr_rollup_state', {
  id: integer('id').primaryKey(),
  /** IANA zone of the day keys; null = never built. */
  zone: text('zone'),
  /** 1 = an untracked write happened (or never built): rebuild before use. */
  stale: integer('stale').notNull().default(1),
  /** 1 only inside a writer transaction that maintains the rollups itself (guard triggers stand down). */
  tracking: integer('tracking').notNull().default(0),
  builtAt: integer('built_at'),
})

export const srRollupTenantDaily = sqliteTable(
  'sr_rollup_tenant_daily',
  {
    day: integer('day').notNull(),
    tenantId: integer('tenant_id').notNull(),
    created: integer('created').notNull().default(0),
    resolved: integer('resolved').notNull().default(0),
    /** Resolved SRs that met their SLA. */
    onTime: integer('on_time').notNull().default(0),
    /** Sum of the MTTR clock over resolved SRs (ms). */
    mttrMs: integer('mttr_ms').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.tenantId] })],
)

export const srRollupCategoryDaily = sqliteTable(
  'sr_rollup_category_daily',
  {
    day: integer('day').notNull(),
    tenantId: integer('tenant_id').notNull(),
    categoryId: integer('category_id').notNull(),
    created: integer('created').notNull().default(0),
    resolved: integer('resolved').notNull().default(0),
    onTime: integer('on_time').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.tenantId, t.categoryId] })],
)

/** Created-side only: SRs by the local day they were created and their current status. */
export const srRollupStatusDaily = sqliteTable(
  'sr_rollup_status_daily',
  {
    day: integer('day').notNull(),
    tenantId: integer('tenant_id').notNull(),
    status: text('status').notNull(),
    created: integer('created').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.tenantId, t.status] })],
)

/** Created-side only: SRs by the local day they were created and assignee, split by current status. */
export const srRollupAssigneeDaily = sqliteTable(
  'sr_rollup_assignee_daily',
  {
    day: integer('day').notNull(),
    tenantId: integer('tenant_id').notNull(),
    assigneeId: integer('assignee_id').notNull(),
    total: integer('total').notNull().default(0),
    /** Now RESOLVED or DONE. */
    resolved: integer('resolved').notNull().default(0),
    /** Now OPEN, IN_PROGRESS or PENDING. */
    open: integer('open').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.tenantId, t.assigneeId] })],
)

export const workspaceMeta = sqliteTable('workspace_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

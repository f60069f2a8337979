// What every remote SR source (ITSM REST, ServiceNow) gives the sync engine: pages of rows already
// mapped to the canonical shapes of the store, each with the opaque cursor that follows it. The
// engine writes a page's rows and its cursor in one transaction, so a cursor never runs ahead of data.
import type { RetryInfo } from './http'
import type { DeploymentInput, FeatureUsageInput } from '../db/repositories/ops-feeds'
import type { PersonInput } from '../db/repositories/people'
import type { SrEventRecord, SrInput } from '../db/repositories/service-requests'
import type { CategoryInput, TenantInput } from '../db/repositories/tenants'

/** Entities a source may sync, in the order the engine pulls them (references before referrers). */
export const SYNC_ENTITIES = [
  'tenants',
  'categories',
  'people',
  'srs',
  'sr_events',
  'deployments',
  'feature_usage',
] as const
export type SyncEntity = (typeof SYNC_ENTITIES)[number]

export type { CategoryInput, TenantInput }

export type EntityRows = {
  tenants: TenantInput[]
  categories: CategoryInput[]
  people: PersonInput[]
  srs: SrInput[]
  sr_events: SrEventRecord[]
  deployments: DeploymentInput[]
  feature_usage: FeatureUsageInput[]
}

export type Page<E extends SyncEntity> = {
  rows: EntityRows[E]
  /** Cursor to store once these rows are committed (null = start over next time). */
  cursor: string | null
  /** False only when the source said this is the last page. A short or empty page is not the end by itself. */
  hasMore: boolean
  /** Rows the source reports left from this page's start on, this page included (for progress and ETA). */
  total?: number
}

export type FetchPageOptions = {
  signal: AbortSignal
  pageSize: number
  /** Told when a request of this page failed and is tried again (the progress shows the wait). */
  onRetry?: (info: RetryInfo) => void
}

export type AccountRole = 'admin' | 'manager' | 'operator' | 'viewer'
/**
 * The connected account. `name` is null when the source cannot say it: a ServiceNow bearer token
 * whose account may not read sys_user (no user name was configured either); each front end words
 * that in its own language.
 */
export type WhoAmI = { name: string | null; role: AccountRole | null }

/** A remote SR source, created from its stored config and secret. */
export type Connector = {
  readonly kind: 'itsm' | 'servicenow'
  /** The source name; SR rows are written with source = `${kind}:${name}`. */
  readonly name: string
  readonly entities: readonly SyncEntity[]
  /**
   * Collections the connection is set not to read (an ITSM REST connection's `skip`): left out of
   * `entities`, named by the engine's advice when another collection is refused (403).
   */
  readonly skipped?: readonly SyncEntity[]
  fetchPage<E extends SyncEntity>(entity: E, cursor: string | null, opts: FetchPageOptions): Promise<Page<E>>
  /** The connected account and its role when the source reports it (`/me`), used for admin rights. */
  whoAmI(signal: AbortSignal): Promise<WhoAmI>
}

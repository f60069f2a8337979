// What the Sync screen shows per source: last success, last error with its cause, cursor progress.
// The scheduler records each run's outcome in workspace_meta (one small JSON per source); runs made
// by the CLI leave entries only in sync_log, which fills in the last error when no record exists.
import type { CursorView, SourceView, SyncErrorCause } from '../../../shared/ipc/types-sync'
import { getMeta, setMeta } from '../db/meta'
import type { Store } from '../db/open-database'
import type { SourceRecord } from '../sources/registry'
import { describeCaCertificates } from '../sources/trust'
import { storedSourceSecrets, type SecretStore } from '../secrets'
import { causeOf } from './causes'

type RunRecord = {
  lastSuccessAt: number | null
  lastRows: number | null
  lastError: { at: number; cause: SyncErrorCause; message: string } | null
}

const metaKey = (source: Pick<SourceRecord, 'kind' | 'name'>): string =>
  `sync_source:${source.kind}:${source.name}`

/** Records one run of a source (kept: the last success and the last error since it). */
export function recordSourceRun(
  store: Store,
  source: Pick<SourceRecord, 'kind' | 'name'>,
  outcome: { status: string; rows: number; error: string | null; finishedAt: number },
): void {
  const before = readRecord(store, source)
  const next: RunRecord =
    outcome.status === 'ok'
      ? { lastSuccessAt: outcome.finishedAt, lastRows: outcome.rows, lastError: null }
      : {
          ...before,
          lastError: {
            at: outcome.finishedAt,
            cause: causeOf(outcome.status, outcome.error ?? ''),
            message: outcome.error ?? outcome.status,
          },
        }
  setMeta(store, metaKey(source), JSON.stringify(next))
}

/** Forgets a removed source's record. */
export function forgetSourceRuns(store: Store, source: Pick<SourceRecord, 'kind' | 'name'>): void {
  store.sqlite.prepare('DELETE FROM workspace_meta WHERE key = ?').run(metaKey(source))
}

function readRecord(store: Store, source: Pick<SourceRecord, 'kind' | 'name'>): RunRecord {
  const text = getMeta(store, metaKey(source))
  if (text) {
    try {
      return JSON.parse(text) as RunRecord
    } catch {
      // A damaged record is rebuilt by the next run.
    }
  }
  return fromSyncLog(store, `${source.kind}:${source.name}`)
}

function fromSyncLog(store: Store, key: string): RunRecord {
  const last = store.sqlite
    .prepare(
      `SELECT status, error, finished_at AS at FROM sync_log WHERE source = ? AND status != 'running' ORDER BY id DESC LIMIT 1`,
    )
    .get(key) as { status: string; error: string | null; at: number } | undefined
  const ok = store.sqlite
    .prepare(`SELECT max(finished_at) AS at FROM sync_log WHERE source = ? AND status = 'ok'`)
    .get(key) as { at: number | null }
  return {
    lastSuccessAt: ok.at,
    lastRows: null,
    lastError:
      last && last.status !== 'ok'
        ? { at: last.at, cause: causeOf(last.status, last.error ?? ''), message: last.error ?? last.status }
        : null,
  }
}

function cursors(store: Store, key: string): CursorView[] {
  const rows = store.sqlite
    .prepare(
      'SELECT entity, cursor, updated_at AS updatedAt FROM sync_state WHERE source = ? ORDER BY entity',
    )
    .all(key) as { entity: string; cursor: string; updatedAt: number }[]
  return rows.map((r) => ({ entity: r.entity, updatedAt: r.updatedAt, position: cursorPosition(r.cursor) }))
}

/** The instant a cursor stands at, when the connector's cursor says so (both connectors keep one). */
function cursorPosition(cursor: string): string | null {
  try {
    const value = JSON.parse(cursor) as Record<string, unknown>
    for (const key of ['updated_after', 'updatedOn']) {
      const v = value[key]
      if (typeof v === 'string') return v
    }
  } catch {
    // Opaque cursors have no position to show.
  }
  return null
}

/** The view of one source for the renderer: config without secrets, run record, cursors. */
export async function sourceView(
  store: Store,
  secrets: SecretStore | undefined,
  record: SourceRecord,
): Promise<SourceView> {
  const stored = await storedSourceSecrets(secrets, record.name)
  const config = record.config as {
    url: string
    table?: string
    user?: string
    tokenEnv?: string
    passwordEnv?: string
    ca?: string
    proxy?: string
    proxyUser?: string
    proxyPasswordEnv?: string
  }
  const needs = record.kind === 'servicenow' && config.user ? 'password' : 'token'
  const env = needs === 'password' ? config.passwordEnv : config.tokenEnv
  const run = readRecord(store, record)
  return {
    name: record.name,
    kind: record.kind,
    url: config.url,
    table: record.kind === 'servicenow' ? (config.table ?? 'incident') : null,
    user: config.user ?? null,
    secret: stored[needs] ? 'stored' : env ? 'env' : 'missing',
    secretEnv: env ?? null,
    createdAt: record.createdAt,
    lastSuccessAt: run.lastSuccessAt,
    lastError: run.lastError,
    lastRows: run.lastRows,
    cursors: cursors(store, `${record.kind}:${record.name}`),
    caCertificates: config.ca ? describeCaCertificates(config.ca) : [],
    proxy: config.proxy ?? null,
    proxyUser: config.proxyUser ?? null,
    proxySecret: config.proxyUser
      ? stored.proxyPassword
        ? 'stored'
        : config.proxyPasswordEnv
          ? 'env'
          : 'missing'
      : null,
  }
}

// workspace_meta: small key/value facts about the workspace (data watermark, demo or live).
import { randomUUID } from 'node:crypto'
import type { Store } from './open-database'

export type WorkspaceKind = 'demo' | 'live'

const WATERMARK_KEY = 'data_watermark'
const KIND_KEY = 'workspace_kind'
const SECRET_ID_KEY = 'secret_id'

/** The stored value for `key`, or null. */
export function getMeta(store: Store, key: string): string | null {
  const row = store.sqlite.prepare('SELECT value FROM workspace_meta WHERE key = ?').get(key) as
    { value: string } | undefined
  return row?.value ?? null
}

/** Stores `value` under `key` (insert or replace). */
export function setMeta(store: Store, key: string, value: string): void {
  store.sqlite
    .prepare(
      'INSERT INTO workspace_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(key, value)
}

/** The data watermark (last successful sync or demo generation, epoch ms), or null before any. */
export function getWatermark(store: Store): number | null {
  const value = getMeta(store, WATERMARK_KEY)
  if (value === null) return null
  const ms = Number(value)
  return Number.isFinite(ms) ? ms : null
}

/** Records the data watermark (epoch ms). */
export function setWatermark(store: Store, ms: number): void {
  if (!Number.isFinite(ms)) throw new Error(`Invalid watermark: ${ms}`)
  setMeta(store, WATERMARK_KEY, String(Math.trunc(ms)))
}

/**
 * Moves the data watermark to `ms` (a sync's start, an import's time) unless it already says later:
 * two processes (the app and the CLI) syncing different sources may finish in either order, and the
 * one that started first must not move "data as of" back. A stored watermark later than `now` (the
 * clock was set wrong once) is replaced, so it cannot stay in the future.
 */
export function advanceWatermark(store: Store, ms: number, now: number): void {
  const current = getWatermark(store)
  if (current === null || ms > current || current > now) setWatermark(store, ms)
}

/** 'demo' when the demo generator made the data, 'live' once real sources wrote to it; null if unset. */
export function getWorkspaceKind(store: Store): WorkspaceKind | null {
  const value = getMeta(store, KIND_KEY)
  return value === 'demo' || value === 'live' ? value : null
}

/** Records whether the workspace holds demo or live data. */
export function setWorkspaceKind(store: Store, kind: WorkspaceKind): void {
  setMeta(store, KIND_KEY, kind)
}

/**
 * The workspace's own id for the keys of its sources' secrets (the secret store is shared by every
 * workspace the app opens). Made on first use; a concurrent first use by another process keeps one.
 */
export function workspaceSecretId(store: Store): string {
  const existing = getMeta(store, SECRET_ID_KEY)
  if (existing) return existing
  store.sqlite
    .prepare('INSERT INTO workspace_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING')
    .run(SECRET_ID_KEY, randomUUID())
  return getMeta(store, SECRET_ID_KEY) as string
}

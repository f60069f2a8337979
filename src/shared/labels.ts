// Labels the core puts into responses (the CLI's JSON keeps the reference's `label` fields). The
// renderer translates by key with its own i18n resources; these are the same words.
import type { Language } from './domain'
import type { OverviewCardKey } from './ipc/types'

export const CARD_LABELS: Record<Language, Record<OverviewCardKey, string>> = {
  ko: {
    open_sr: '미처리 SR',
    inprog_sr: '처리 중 SR',
    done_month: '이번 달 완료',
    done_week: '이번 주 완료',
    mttr: '평균 처리 시간',
  },
  en: {
    open_sr: 'Open SRs',
    inprog_sr: 'In progress',
    done_month: 'Resolved this month',
    done_week: 'Resolved this week',
    mttr: 'Mean time to resolve',
  },
}

export const UNITS: Record<Language, { count: string; hours: string }> = {
  ko: { count: '건', hours: '시간' },
  en: { count: 'SRs', hours: 'h' },
}

export const CHANGE_LABEL: Record<Language, string> = { ko: '전월 대비', en: 'vs last month' }

/**
 * The collections a sync reads, as the English Sync screen names them inside a sentence (its labels,
 * sync.entities, start with a capital as headings). The core's English messages name them so, not by
 * their keys (feature usage, not feature_usage).
 */
export const SYNC_ENTITY_NAMES_EN: Record<string, string> = {
  tenants: 'tenants',
  categories: 'categories',
  people: 'people',
  srs: 'service requests',
  sr_events: 'SR history',
  deployments: 'deployments',
  feature_usage: 'feature usage',
}

/** A collection as the English Sync screen names it in a sentence; an unknown key as it is. */
export function syncEntityNameEn(entity: string): string {
  return Object.hasOwn(SYNC_ENTITY_NAMES_EN, entity) ? (SYNC_ENTITY_NAMES_EN[entity] ?? entity) : entity
}

/** The kinds of connection as the English Sync screen names them (sync.kinds). */
export const SOURCE_KIND_NAMES_EN: Record<string, string> = {
  itsm: 'ITSM REST',
  servicenow: 'ServiceNow',
}

/**
 * A connection as the core's English messages name it, as the app's do (syncErrors.whereSource):
 * `ITSM REST connection "prod"`; a kind it does not know as it is.
 */
export function connectionNameEn(kind: string, name: string): string {
  const named = Object.hasOwn(SOURCE_KIND_NAMES_EN, kind) ? (SOURCE_KIND_NAMES_EN[kind] ?? kind) : kind
  return `${named} connection "${name}"`
}

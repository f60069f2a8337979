// The header's institution (기관) selection across changes of the tenant list. Requests filter by
// name, so the selection keeps names; it also keeps each tenant's row id, which a sync renaming the
// tenant upstream leaves as it was (ids are never reused), so the selection can follow the rename.
import type { TFunction } from 'i18next'
import type { TenantSummary } from '../../../shared/ipc/types'
import { localeOf } from '../i18n/format'

/** One selected tenant: its name, and its row id when the list gave one. */
export type TenantPick = { id: number | null; name: string }

export type TenantRename = { from: string; to: string }

export type SelectionUpdate = {
  /** The selection on the new list, in the list's order, each tenant once. */
  picks: TenantPick[]
  /** Selected tenants now under another name (followed by their row id). */
  renamed: TenantRename[]
  /** Selected names no longer in the list, by id or by name (dropped from the selection). */
  dropped: string[]
  /** False when the selection is what it was (same names and ids, same order). */
  changed: boolean
}

/** The picks for names chosen in the filter, with the ids the current list gives them. */
export function picksFor(names: readonly string[], tenants: readonly TenantSummary[]): TenantPick[] {
  const byName = new Map(tenants.map((t) => [t.name, t]))
  return names.map((name) => ({ id: byName.get(name)?.id ?? null, name }))
}

/**
 * The selection on a refreshed tenant list. A selected tenant whose row is still listed keeps the
 * selection under the row's name (a rename is followed; a tenant merged into it under its name is
 * the same); otherwise one listed under the selected name takes it (its row was merged into the one
 * now holding the name); otherwise the name is dropped.
 */
export function updateTenantSelection(
  picks: readonly TenantPick[],
  tenants: readonly TenantSummary[],
): SelectionUpdate {
  const byId = new Map(tenants.map((t) => [t.id, t]))
  const byName = new Map(tenants.map((t) => [t.name, t]))
  const kept = new Set<TenantSummary>()
  const renamed: TenantRename[] = []
  const dropped: string[] = []
  for (const pick of picks) {
    const same = (pick.id === null ? undefined : byId.get(pick.id)) ?? byName.get(pick.name)
    if (!same) {
      dropped.push(pick.name)
      continue
    }
    if (same.name !== pick.name) renamed.push({ from: pick.name, to: same.name })
    kept.add(same)
  }
  // The list's order, as the filter itself keeps it, so requests (and their cache keys) agree.
  const next = tenants.filter((t) => kept.has(t)).map((t) => ({ id: t.id, name: t.name }))
  const changed =
    next.length !== picks.length || next.some((p, i) => p.id !== picks[i]?.id || p.name !== picks[i]?.name)
  return { picks: changed ? next : [...picks], renamed, dropped, changed }
}

/** What a refreshed tenant list did to the selection, for the notice that says so. */
export type TenantSelectionNotice = {
  renamed: TenantRename[]
  dropped: string[]
  /** Nothing is left selected: the dashboards now show every institution. */
  nowAll: boolean
}

/** The notice an update calls for: null when no selected tenant was renamed or dropped. */
export function selectionNotice(update: SelectionUpdate): TenantSelectionNotice | null {
  if (update.renamed.length === 0 && update.dropped.length === 0) return null
  return { renamed: update.renamed, dropped: update.dropped, nowAll: update.picks.length === 0 }
}

/** The messages a notice is said with: the header's own, or a screen's that keeps its own tenant. */
export type TenantNoticeMessages = {
  renamed: string
  dropped: string
  /** Said when nothing is left selected, with `values`. */
  nowAll: string
  values?: Record<string, string>
}

const FILTER_MESSAGES: TenantNoticeMessages = {
  renamed: 'tenants.renamed',
  dropped: 'tenants.dropped',
  nowAll: 'tenants.nowAll',
}

/** The notice in the UI's language: the renames followed, the names dropped, and "all" if none is left. */
export function tenantNoticeText(
  t: TFunction,
  language: string,
  notice: TenantSelectionNotice,
  messages: TenantNoticeMessages = FILTER_MESSAGES,
): string {
  const list = (items: string[]) =>
    new Intl.ListFormat(localeOf(language), { style: 'long', type: 'conjunction' }).format(items)
  const parts: string[] = []
  if (notice.renamed.length > 0) {
    const renames = notice.renamed.map((r) => `${r.from} → ${r.to}`)
    parts.push(t(messages.renamed, { list: list(renames) }))
  }
  if (notice.dropped.length > 0) {
    parts.push(t(messages.dropped, { list: list(notice.dropped) }))
  }
  if (notice.nowAll) parts.push(t(messages.nowAll, messages.values ?? {}))
  return parts.join(' ')
}

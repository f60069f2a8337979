// Which tenant the benchmark shows, and what it says when a refreshed tenant list (after a sync or
// an import) renamed or removed the tenant chosen in the benchmark's own selector.
import type { TFunction } from 'i18next'
import type { TenantSummary } from '../../../../shared/ipc/types'
import { tenantNoticeText, type TenantSelectionNotice } from '../../components/tenant-selection'

/**
 * The benchmark's tenant: the one chosen in its selector, else the header filter's first, else the
 * list's first; null while there is none.
 */
export function benchmarkTenant(
  chosen: string | undefined,
  headerTenants: readonly string[],
  tenants: readonly TenantSummary[] | undefined,
): string | null {
  return chosen ?? headerTenants[0] ?? tenants?.[0]?.name ?? null
}

/**
 * The notice for the benchmark's chosen tenant: renamed upstream and followed, or gone, with the
 * tenant shown in its place (`shown`) or that none is left.
 */
export function benchmarkNoticeText(
  t: TFunction,
  language: string,
  notice: TenantSelectionNotice,
  shown: string | null,
): string {
  return tenantNoticeText(t, language, notice, {
    renamed: 'cohorts.benchmark.renamed',
    dropped: 'cohorts.benchmark.dropped',
    nowAll: shown === null ? 'cohorts.benchmark.noneLeft' : 'cohorts.benchmark.nowShowing',
    values: shown === null ? {} : { name: shown },
  })
}

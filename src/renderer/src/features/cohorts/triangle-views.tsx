import { useTranslation } from 'react-i18next'
import type { TenantGrowthResponse, UserRetentionResponse } from '../../../../shared/ipc/types-cohorts'
import { formatCount, localeOf } from '../../i18n/format'
import type { ConsoleFilters } from '../../screens'
import { CohortPanel } from './cohort-panel'
import { TriangleTable, type TriangleRow } from './triangle-table'
import { cohortFilter, useCohort } from './use-cohort'
import { PartialNote } from './partial-note'
import { retentionCell } from './retention-cell'

/** Tenant growth: SRs per month since onboarding, coloured against each row's own maximum. */
export function GrowthView({ filters }: { filters: ConsoleFilters }) {
  const { t, i18n } = useTranslation()
  const query = useCohort('cohort:tenant-growth', cohortFilter(filters))
  return (
    <CohortPanel
      testId="cohort-tenant-growth"
      title={t('cohorts.growth.title')}
      query={query}
      isEmpty={(d: TenantGrowthResponse) => d.data.length === 0}
    >
      {(d) => {
        const rows: TriangleRow[] = d.data.map((c) => ({
          cohort: c.cohort,
          size: c.tenant_count,
          cells: c.monthly_sr,
          partialIndex: c.partial_index,
          detail: c.members.join(', '),
        }))
        // Each tenant's own growth shape matters more than their size, so colour is per row.
        const rowMax = new Map(rows.map((r) => [r.cohort, Math.max(1, ...r.cells.map((v) => v ?? 0))]))
        return (
          <>
            <p className="cohort-note">{t('cohorts.growth.note')}</p>
            <TriangleTable
              testId="growth-triangle"
              cohortHeader={t('cohorts.growth.cohort')}
              sizeHeader={t('cohorts.growth.tenants')}
              monthsHeader={t('cohorts.growth.months')}
              rows={rows}
              columns={d.cohort_months}
              intensity={(v, r) => v / (rowMax.get(r.cohort) ?? 1)}
              format={(v) => formatCount(v, i18n.language)}
              cellLabel={(v, r, n) => t('cohorts.growth.cell', { cohort: r.cohort, n, count: v })}
            />
            <PartialNote meta={d} />
          </>
        )
      }}
    </CohortPanel>
  )
}

/** User retention: % of each sign-up cohort active per month, coloured on 0–100 %. */
export function RetentionView({ filters }: { filters: ConsoleFilters }) {
  const { t, i18n } = useTranslation()
  const query = useCohort('cohort:user-retention', cohortFilter(filters))
  const pct = new Intl.NumberFormat(localeOf(i18n.language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })
  return (
    <CohortPanel
      testId="cohort-user-retention"
      title={t('cohorts.retention.title')}
      query={query}
      isEmpty={(d: UserRetentionResponse) => d.data.length === 0}
    >
      {(d) => {
        const active = new Map(d.data.map((c) => [c.cohort, c.active_by_month]))
        const rows: TriangleRow[] = d.data.map((c) => ({
          cohort: c.cohort,
          size: c.new_users,
          cells: c.retention_by_month,
          partialIndex: c.partial_index,
        }))
        return (
          <>
            <p className="cohort-note">{t('cohorts.retention.note')}</p>
            <TriangleTable
              testId="retention-triangle"
              cohortHeader={t('cohorts.retention.cohort')}
              sizeHeader={t('cohorts.retention.users')}
              monthsHeader={t('cohorts.retention.months')}
              rows={rows}
              columns={d.cohort_months}
              intensity={(v) => v / 100}
              format={(v) => retentionCell(v, i18n.language)}
              cellLabel={(v, r, n) =>
                t('cohorts.retention.cell', {
                  cohort: r.cohort,
                  size: r.size,
                  n,
                  active: active.get(r.cohort)?.[n] ?? 0,
                  pct: pct.format(v),
                })
              }
            />
            <PartialNote meta={d} />
          </>
        )
      }}
    </CohortPanel>
  )
}

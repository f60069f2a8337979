import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ScreenProps } from '../../screens'
import { AdoptionView } from './adoption-view'
import { BenchmarkView } from './benchmark-view'
import './cohorts.css'
import { ResolutionView } from './resolution-view'
import { GrowthView, RetentionView } from './triangle-views'

const VIEWS = [
  { id: 'tenant-growth', key: 'tenantGrowth', View: GrowthView },
  { id: 'user-retention', key: 'userRetention', View: RetentionView },
  { id: 'sr-resolution', key: 'srResolution', View: ResolutionView },
  { id: 'feature-adoption', key: 'featureAdoption', View: AdoptionView },
  { id: 'benchmark', key: 'benchmark', View: BenchmarkView },
] as const

type ViewId = (typeof VIEWS)[number]['id']

/** The Cohorts screen (SPEC §5): a cohort selector and the chosen cohort's table or chart. */
export function CohortsRoute({ filters }: ScreenProps) {
  const { t } = useTranslation()
  const [view, setView] = useState<ViewId>('tenant-growth')
  // Cohorts are whole-history views, so the header's date range (a recent window by default) applies
  // only when asked for; otherwise the tables start at the first data and the benchmark is this month.
  const [useRange, setUseRange] = useState(false)
  const current = VIEWS.find((v) => v.id === view) ?? VIEWS[0]
  const effective = { tenants: filters.tenants, range: useRange ? filters.range : null }
  return (
    <div data-testid="cohorts" className="cohorts-screen">
      <h2 className="page-title">{t('cohorts.title')}</h2>
      <p className="page-subtitle">{t('cohorts.subtitle')}</p>
      {filters.range && (
        <label className="cohort-range-toggle" title={t('cohorts.useRangeHint')}>
          <input
            type="checkbox"
            checked={useRange}
            onChange={(e) => setUseRange(e.currentTarget.checked)}
            data-testid="cohort-use-range"
          />
          {t('cohorts.useRange', { from: filters.range.from, to: filters.range.to })}
        </label>
      )}
      <div className="cohort-tabs" role="tablist" aria-label={t('cohorts.tabsLabel')}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`cohort-tab-${v.id}`}
            aria-selected={v.id === view}
            aria-controls="cohort-tabpanel"
            className="cohort-tab"
            onClick={() => setView(v.id)}
            data-testid={`cohort-tab-${v.id}`}
          >
            {t(`cohorts.tabs.${v.key}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="cohort-tabpanel" aria-labelledby={`cohort-tab-${current.id}`}>
        <current.View filters={effective} />
      </div>
    </div>
  )
}

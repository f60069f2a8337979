import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BiFilter } from '../../../../shared/ipc/define'
import type { SlaHeatmapCell, SlaHeatmapResponse } from '../../../../shared/ipc/types-bi'
import { ChartFrame } from '../../components/chart-frame'
import { DrillDownList } from '../../components/drill-down-list'
import { BreachesTable, type SlaSeries } from './breaches-table'

const VIEWS = ['list', 'byWeek'] as const
/** Rows per page of the late list: a page fits the screen without a scroll box of its own. */
const BREACHES_PAGE_SIZE = 25
type View = (typeof VIEWS)[number]

type BreachesPanelProps = {
  filter: BiFilter
  /** The heatmap's answer: its summary says whether anything was resolved, its cells feed the breakdown. */
  heatmap: SlaHeatmapResponse | undefined
  loading: boolean
  error: Error | undefined
  onRetry: () => void
  onPickCell: (cell: SlaHeatmapCell, series: SlaSeries) => void
}

/**
 * The SRs resolved late in the range: one flat, paged list (latest resolved first; the created,
 * resolved and over-target headers sort it), or where they are by week × category.
 */
export function BreachesPanel({ filter, heatmap, loading, error, onRetry, onPickCell }: BreachesPanelProps) {
  const { t } = useTranslation()
  const [view, setView] = useState<View>('list')
  const late = heatmap ? heatmap.summary.total - heatmap.summary.on_time : 0
  return (
    <ChartFrame
      testId="panel-breaches"
      title={t('slaBoard.breaches.title')}
      subtitle={t(view === 'list' ? 'slaBoard.breaches.subtitle' : 'slaBoard.breaches.subtitleByWeek')}
      actions={
        <div className="segmented" role="group" aria-label={t('slaBoard.breaches.viewLabel')}>
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              data-testid={`breaches-view-${v}`}
              onClick={() => setView(v)}
            >
              {t(`slaBoard.breaches.views.${v}`)}
            </button>
          ))}
        </div>
      }
      loading={loading}
      error={error}
      onRetry={onRetry}
      empty={heatmap !== undefined && heatmap.summary.total === 0}
      hasData={heatmap !== undefined}
      height={160}
    >
      {heatmap &&
        (view === 'byWeek' ? (
          <BreachesTable cells={heatmap.data} onPick={onPickCell} />
        ) : late === 0 ? (
          <p className="drill-empty">{t('slaBoard.breaches.none')}</p>
        ) : (
          // Keyed by the filter: a new range or tenant filter starts again on page 1.
          <DrillDownList
            key={JSON.stringify(filter)}
            request={{ ...filter, widget: 'sla-heatmap', series: 'late' }}
            columns="sla"
            pageSize={BREACHES_PAGE_SIZE}
            testId="breaches-list"
            className="breaches-list"
          />
        ))}
    </ChartFrame>
  )
}

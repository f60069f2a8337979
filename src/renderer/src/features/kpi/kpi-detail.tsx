import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KpiDetail, KpiDrillDown } from '../../../../shared/ipc/types-kpi'
import { ErrorBanner } from '../../components/error-banner'
import { formatKpiValue, formatPct, lastDayOf, withUnit } from './format'
import { StatusBadge } from './status-badge'
import { useKpiDetail, useKpiDrill } from './use-kpi'
import { useUnit } from './use-unit'

const SR_METRICS = new Set(['created', 'resolved', 'mttr', 'fcr', 'sla_compliance', 'backlog', 'reopen_rate'])

/** One KPI: its definition (metric, filter, bands, version in force), history and the SRs behind a value. */
export function KpiDetailView({ name, onBack }: { name: string; onBack: () => void }) {
  const { t } = useTranslation()
  const detail = useKpiDetail(name)
  // The day that picks a history period (null = the current period).
  const [day, setDay] = useState<string | null>(null)
  const data = detail.data
  const drillable = data ? SR_METRICS.has(data.definition.base_metric) : false
  const drill = useKpiDrill(name, day, drillable)
  return (
    <div className="kpi-detail" data-testid="kpi-detail" data-state={detail.loading ? 'loading' : 'ready'}>
      <button type="button" className="btn" onClick={onBack} data-testid="kpi-back">
        ← {t('kpiBoard.detail.back')}
      </button>
      {detail.error && <ErrorBanner message={detail.error.message} onRetry={detail.reload} />}
      {data && (
        <>
          <h2 className="page-title">{t('kpiBoard.detail.title', { name: data.definition.display_name })}</h2>
          <p className="page-subtitle">{data.definition.description}</p>
          <Definition detail={data} />
          <History detail={data} selected={day} onPick={setDay} />
          {drillable ? (
            <>
              {drill.error && <ErrorBanner message={drill.error.message} onRetry={drill.reload} />}
              {drill.data && <SrTable drill={drill.data} />}
            </>
          ) : (
            <p className="kpi-note">{t('kpiBoard.detail.srsNotApplicable')}</p>
          )}
        </>
      )}
    </div>
  )
}

function Definition({ detail }: { detail: KpiDetail }) {
  const { t, i18n } = useTranslation()
  const unit = useUnit()
  const d = detail.definition
  const inForce = detail.versions.find((v) => v.version === detail.version_in_force) ?? detail.versions.at(-1)
  const filter = d.filter
    ? [d.filter.tenant, d.filter.category, d.filter.priority]
        .filter((x): x is string => x !== undefined)
        .join(' · ')
    : t('kpiBoard.detail.noFilter')
  const bands =
    d.direction === 'HIGHER_BETTER'
      ? t('kpiBoard.detail.thresholdsHigher', { green: d.thresholds.green, yellow: d.thresholds.yellow })
      : t('kpiBoard.detail.thresholdsLower', { factor: d.thresholds.yellowFactor })
  return (
    <section className="kpi-panel" aria-labelledby="kpi-def-title" data-testid="kpi-definition">
      <h3 id="kpi-def-title">{t('kpiBoard.detail.definition')}</h3>
      <dl className="kpi-def">
        <dt>{t('kpiBoard.detail.metric')}</dt>
        <dd>
          {t(`kpiBoard.metrics.${d.base_metric}`)} · {t(`kpiBoard.period.${d.period}`)} ·{' '}
          {t(`kpiBoard.direction.${d.direction}`)}
        </dd>
        <dt>{t('kpiBoard.detail.filter')}</dt>
        <dd data-testid="kpi-def-filter">{filter}</dd>
        <dt>{t('kpiBoard.detail.thresholds')}</dt>
        <dd>{bands}</dd>
        <dt>{t('kpiBoard.detail.versionInForce')}</dt>
        <dd data-testid="kpi-def-version">
          {inForce &&
            t('kpiBoard.detail.versionLine', {
              version: inForce.version,
              target: withUnit(
                formatKpiValue(inForce.target, i18n.language),
                unit(inForce.unit, inForce.target),
              ),
              from: inForce.effective_from?.slice(0, 10) ?? t('kpiBoard.detail.fromStart'),
            })}
        </dd>
      </dl>
    </section>
  )
}

function History({
  detail,
  selected,
  onPick,
}: {
  detail: KpiDetail
  selected: string | null
  onPick: (day: string | null) => void
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const rows = [...detail.history].reverse()
  return (
    <section className="kpi-panel" aria-labelledby="kpi-history-title">
      <h3 id="kpi-history-title">{t('kpiBoard.detail.history')}</h3>
      <p className="kpi-note">{t('kpiBoard.detail.pick')}</p>
      <div className="kpi-table-wrap">
        <table className="kpi-table" data-testid="kpi-history">
          <thead>
            <tr>
              <th scope="col">{t('kpiBoard.detail.periodCol')}</th>
              <th scope="col" className="num">
                {t('kpiBoard.detail.valueCol')}
              </th>
              <th scope="col" className="num">
                {t('kpiBoard.detail.targetCol')}
              </th>
              <th scope="col">{t('kpiBoard.detail.statusCol')}</th>
              <th scope="col" className="num">
                {t('kpiBoard.detail.achievementCol')}
              </th>
              <th scope="col" className="num">
                {t('kpiBoard.detail.versionCol')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const day = p.period_start.slice(0, 10)
              const isSelected = selected === null ? p.partial : selected === day
              return (
                <tr
                  key={p.period_start}
                  aria-selected={isSelected}
                  className={isSelected ? 'kpi-row-selected' : undefined}
                >
                  <td>
                    <button type="button" className="kpi-link" onClick={() => onPick(p.partial ? null : day)}>
                      {day} {p.partial ? t('kpiBoard.detail.toDate') : ''}
                    </button>
                  </td>
                  <td className="num">{formatKpiValue(p.value, lang)}</td>
                  <td className="num">{formatKpiValue(p.target, lang)}</td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td className="num">
                    {p.achievement_pct === null ? '—' : `${formatPct(p.achievement_pct, lang)}%`}
                  </td>
                  <td className="num">v{p.version}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function SrTable({ drill }: { drill: KpiDrillDown }) {
  const { t } = useTranslation()
  const period = `${drill.period_start.slice(0, 10)} – ${lastDayOf(drill.period_end)}`
  return (
    <section
      className="kpi-panel"
      aria-labelledby="kpi-srs-title"
      data-testid="kpi-srs"
      data-total={drill.total}
    >
      <h3 id="kpi-srs-title">{t('kpiBoard.detail.srs', { period, total: drill.total })}</h3>
      {drill.rows.length === 0 ? (
        <p className="kpi-note">{t('kpiBoard.detail.srsNone')}</p>
      ) : (
        <div className="kpi-table-wrap">
          <table className="kpi-table">
            <thead>
              <tr>
                {(
                  [
                    'number',
                    'tenant',
                    'title',
                    'priority',
                    'status',
                    'created',
                    'resolved',
                    'hours',
                    'counted',
                  ] as const
                ).map((c) => (
                  <th key={c} scope="col">
                    {t(`kpiBoard.detail.cols.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {drill.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.number ?? r.id}</td>
                  <td>{r.tenant}</td>
                  <td className="kpi-cell-title">{r.title}</td>
                  <td>{r.priority}</td>
                  <td>{r.status}</td>
                  <td>{r.created_at.slice(0, 16).replace('T', ' ')}</td>
                  <td>{r.resolved_at?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
                  <td className="num">{r.resolution_hours ?? '—'}</td>
                  <td>
                    {r.counted === null ? '—' : t(`kpiBoard.detail.counted.${r.counted ? 'yes' : 'no'}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {drill.total > drill.rows.length && (
        <p className="kpi-note">
          {t('kpiBoard.detail.srsMore', { shown: drill.rows.length, total: drill.total })}
        </p>
      )}
    </section>
  )
}

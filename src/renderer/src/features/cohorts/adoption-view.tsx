import { useTranslation } from 'react-i18next'
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { FeatureAdoptionResponse } from '../../../../shared/ipc/types-cohorts'
import { formatCount } from '../../i18n/format'
import type { ConsoleFilters } from '../../screens'
import { CohortPanel } from './cohort-panel'
import { PartialNote } from './partial-note'
import { cohortFilter, useCohort } from './use-cohort'

// Ten distinguishable hues, each defined for light and dark backgrounds in cohorts.css.
const SERIES = 10
const colorOf = (i: number) => `var(--cohort-series-${(i % SERIES) + 1})`

/** Feature adoption: a line per feature (tenants using it per month) and the totals table. */
export function AdoptionView({ filters }: { filters: ConsoleFilters }) {
  const { t, i18n } = useTranslation()
  const query = useCohort('cohort:feature-adoption', cohortFilter(filters))
  const featureName = (code: string) => t(`cohorts.features.${code}`, { defaultValue: code })
  return (
    <CohortPanel
      testId="cohort-feature-adoption"
      title={t('cohorts.adoption.title')}
      query={query}
      isEmpty={(d: FeatureAdoptionResponse) => d.feature_adoption.length === 0 || d.months.length === 0}
    >
      {(d) => {
        const rows = d.months.map((month, i) => ({
          month,
          ...Object.fromEntries(d.feature_adoption.map((f) => [f.feature, f.by_month[i]?.tenants ?? 0])),
        }))
        return (
          <>
            <div className="cohort-chart" data-testid="adoption-chart">
              <ResponsiveContainer width="100%" height={300}>
                <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid vertical={false} stroke="var(--border)" />
                  <XAxis
                    dataKey="month"
                    tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
                    stroke="var(--border)"
                  />
                  <YAxis
                    allowDecimals={false}
                    domain={[0, Math.max(1, d.tenant_total)]}
                    width={36}
                    tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
                    stroke="var(--border)"
                    label={{
                      value: t('cohorts.adoption.tenantsAxis'),
                      angle: -90,
                      position: 'insideLeft',
                      fill: 'var(--text-muted)',
                      fontSize: 12,
                    }}
                  />
                  <Tooltip
                    contentStyle={{
                      background: 'var(--surface)',
                      border: '1px solid var(--border)',
                      color: 'var(--text)',
                    }}
                    labelStyle={{ color: 'var(--text)' }}
                    formatter={(value, name) => [
                      formatCount(Number(value), i18n.language),
                      featureName(String(name)),
                    ]}
                  />
                  {d.feature_adoption.map((f, i) => (
                    <Line
                      key={f.feature}
                      type="linear"
                      dataKey={f.feature}
                      name={f.feature}
                      stroke={colorOf(i)}
                      strokeWidth={2}
                      dot={false}
                      isAnimationActive={false}
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
            <h4 className="cohort-subtitle">{t('cohorts.adoption.tableTitle')}</h4>
            <div className="cohort-scroll">
              <table className="cohort-table" data-testid="adoption-table">
                <thead>
                  <tr>
                    <th scope="col">{t('cohorts.adoption.feature')}</th>
                    <th scope="col" className="num">
                      {t('cohorts.adoption.tenantsUsing')}
                    </th>
                    <th scope="col" className="num">
                      {t('cohorts.adoption.usage')}
                    </th>
                    <th scope="col">{t('cohorts.adoption.firstMonth')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.feature_adoption.map((f, i) => (
                    <tr key={f.feature} data-feature={f.feature}>
                      <th scope="row">
                        <span className="legend-dot" style={{ background: colorOf(i) }} aria-hidden="true" />
                        {featureName(f.feature)}
                      </th>
                      <td className="num">
                        {t('cohorts.adoption.of', { n: f.tenants_using, total: d.tenant_total })}
                      </td>
                      <td className="num">{formatCount(f.usage_count, i18n.language)}</td>
                      <td>{f.first_month ?? t('cohorts.adoption.notAdopted')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <PartialNote meta={d} />
          </>
        )
      }}
    </CohortPanel>
  )
}

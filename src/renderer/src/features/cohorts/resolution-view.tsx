import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SrResolutionResponse } from '../../../../shared/ipc/types-cohorts'
import { formatCount, formatHours } from '../../i18n/format'
import type { ConsoleFilters } from '../../screens'
import { CohortPanel } from './cohort-panel'
import { PartialNote } from './partial-note'
import { cohortFilter, useCohort } from './use-cohort'

type Basis = SrResolutionResponse['basis']
type Settings = { fast: number; slow: number; basis: Basis }
const DEFAULTS: Settings = { fast: 4, slow: 8, basis: 'mean' }

/** SR resolution by creation month: count, resolved, mean/median/p90 hours and the speed label. */
export function ResolutionView({ filters }: { filters: ConsoleFilters }) {
  const { t, i18n } = useTranslation()
  const [applied, setApplied] = useState<Settings>(DEFAULTS)
  const query = useCohort('cohort:sr-resolution', {
    ...cohortFilter(filters),
    fastBelowHours: applied.fast,
    slowFromHours: applied.slow,
    basis: applied.basis,
  })
  const hours = (v: number | null) => (v === null ? '—' : formatHours(v, i18n.language))
  return (
    <CohortPanel
      testId="cohort-sr-resolution"
      title={t('cohorts.resolution.title')}
      query={query}
      isEmpty={(d: SrResolutionResponse) => d.data.length === 0}
      controls={<ThresholdForm applied={applied} onApply={setApplied} />}
    >
      {(d) => (
        <>
          <p className="cohort-note">
            {t('cohorts.resolution.note', {
              fast: d.thresholds.fast_below_hours,
              slow: d.thresholds.slow_from_hours,
              basis: t(`cohorts.resolution.basis${basisKey(d.basis)}`),
            })}
            {d.clock && <> · {t(`cohorts.resolution.clock.${d.clock}`)}</>}
          </p>
          <div className="cohort-scroll">
            <table className="cohort-table" data-testid="resolution-table">
              <thead>
                <tr>
                  <th scope="col">{t('cohorts.resolution.cohort')}</th>
                  <th scope="col" className="num">
                    {t('cohorts.resolution.count')}
                  </th>
                  <th scope="col" className="num">
                    {t('cohorts.resolution.resolved')}
                  </th>
                  <th scope="col" className="num">
                    {t('cohorts.resolution.mean')}
                  </th>
                  <th scope="col" className="num">
                    {t('cohorts.resolution.median')}
                  </th>
                  <th scope="col" className="num">
                    {t('cohorts.resolution.p90')}
                  </th>
                  <th scope="col">{t('cohorts.resolution.label')}</th>
                </tr>
              </thead>
              <tbody>
                {d.data.map((c) => (
                  <tr key={c.cohort} data-cohort={c.cohort}>
                    <th scope="row">
                      {c.cohort}
                      {c.partial && <span aria-hidden="true">*</span>}
                    </th>
                    <td className="num">{formatCount(c.sr_count, i18n.language)}</td>
                    <td className="num">{formatCount(c.resolved_count, i18n.language)}</td>
                    <td className="num">{hours(c.avg_resolution_hours)}</td>
                    <td className="num">{hours(c.median_resolution_hours)}</td>
                    <td className="num">{hours(c.p90_resolution_hours)}</td>
                    <td>
                      {c.speed ? (
                        <span className={`speed-badge speed-${c.speed}`} data-speed={c.speed}>
                          {t(`cohorts.resolution.speed.${c.speed}`)}
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PartialNote meta={d} />
        </>
      )}
    </CohortPanel>
  )
}

function basisKey(basis: Basis): 'Mean' | 'Median' | 'P90' {
  return basis === 'mean' ? 'Mean' : basis === 'median' ? 'Median' : 'P90'
}

/** The label thresholds and statistic, applied together (no refetch per keystroke). */
function ThresholdForm({ applied, onApply }: { applied: Settings; onApply: (s: Settings) => void }) {
  const { t } = useTranslation()
  const [fast, setFast] = useState(String(applied.fast))
  const [slow, setSlow] = useState(String(applied.slow))
  const [basis, setBasis] = useState<Basis>(applied.basis)
  const f = Number(fast)
  const s = Number(slow)
  const invalid = fast.trim() === '' || slow.trim() === '' || !(f >= 0) || !(s >= 0)
  const crossed = !invalid && f > s
  function submit(e: FormEvent): void {
    e.preventDefault()
    if (!invalid && !crossed) onApply({ fast: f, slow: s, basis })
  }
  return (
    <form className="cohort-thresholds" onSubmit={submit} data-testid="threshold-form">
      <label>
        {t('cohorts.resolution.fastBelow')}
        <input
          type="number"
          min={0}
          step={0.5}
          value={fast}
          onChange={(e) => setFast(e.currentTarget.value)}
          aria-invalid={invalid || crossed}
        />
      </label>
      <label>
        {t('cohorts.resolution.slowFrom')}
        <input
          type="number"
          min={0}
          step={0.5}
          value={slow}
          onChange={(e) => setSlow(e.currentTarget.value)}
          aria-invalid={invalid || crossed}
        />
      </label>
      <label>
        {t('cohorts.resolution.basis')}
        <select value={basis} onChange={(e) => setBasis(asBasis(e.currentTarget.value))}>
          <option value="mean">{t('cohorts.resolution.basisMean')}</option>
          <option value="median">{t('cohorts.resolution.basisMedian')}</option>
          <option value="p90">{t('cohorts.resolution.basisP90')}</option>
        </select>
      </label>
      <button type="submit" className="btn" disabled={invalid || crossed}>
        {t('cohorts.resolution.apply')}
      </button>
      {crossed && (
        <span className="cohort-form-error" role="alert">
          {t('cohorts.resolution.badThresholds')}
        </span>
      )}
    </form>
  )
}

function asBasis(value: string): Basis {
  return value === 'median' || value === 'p90' ? value : 'mean'
}

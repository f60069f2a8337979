import { useRef, useState, type FormEvent } from 'react'
import { useDetailsDismiss } from '../lib/use-details-dismiss'
import { useTranslation } from 'react-i18next'
import { customRangeError, RANGE_PRESETS, type RangeChoice } from './date-range-presets'
import type { DateRangeState } from './use-date-range'
import './date-range.css'

type DateRangeFilterProps = Pick<DateRangeState, 'choice' | 'setChoice' | 'range' | 'today'>

/** The header's period picker: presets, or custom local days (both inclusive). */
export function DateRangeFilter({ choice, setChoice, range, today }: DateRangeFilterProps) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDetailsElement>(null)
  const [draft, setDraft] = useState(range)
  const [error, setError] = useState<'invalid' | 'order' | null>(null)
  useDetailsDismiss(ref)

  function close(): void {
    if (ref.current) ref.current.open = false
    ref.current?.querySelector('summary')?.focus()
  }

  function pick(preset: Exclude<RangeChoice['preset'], 'custom'>): void {
    setChoice({ preset })
    setError(null)
    close()
  }

  function applyCustom(event: FormEvent): void {
    event.preventDefault()
    const problem = customRangeError(draft)
    setError(problem)
    if (problem) return
    setChoice({ preset: 'custom', range: draft })
    close()
  }

  const preset = t(`bi.range.${choice.preset}`)
  const dates = `${range.from} – ${range.to}`
  const label = `${preset} · ${dates}`
  return (
    <details
      ref={ref}
      className="range-filter"
      data-testid="date-range-filter"
      data-from={range.from}
      data-to={range.to}
      onToggle={(e) => {
        // Opening starts the custom fields from what is shown now.
        if (e.currentTarget.open) {
          setDraft(range)
          setError(null)
        }
      }}
    >
      <summary className="btn btn-header" aria-label={`${t('bi.range.label')}: ${label}`} title={label}>
        {/* In a narrow window the header shows the dates only (date-range.css); the name stays in the
            summary's accessible name and title. */}
        <span className="range-filter-summary">
          <span className="range-filter-preset">{preset} · </span>
          {dates}
        </span>
      </summary>
      <div className="range-panel" role="group" aria-label={t('bi.range.label')}>
        <ul className="range-presets">
          {RANGE_PRESETS.filter((p) => p !== 'custom').map((preset) => (
            <li key={preset}>
              <button
                type="button"
                className="range-preset"
                aria-pressed={choice.preset === preset}
                data-testid={`range-${preset}`}
                onClick={() => pick(preset)}
              >
                {t(`bi.range.${preset}`)}
              </button>
            </li>
          ))}
        </ul>
        <form className="range-custom" onSubmit={applyCustom} noValidate>
          <p className="range-custom-title">{t('bi.range.custom')}</p>
          <label>
            <span>{t('bi.range.from')}</span>
            <input
              type="date"
              value={draft.from}
              max={today}
              data-testid="range-from"
              aria-invalid={error !== null}
              onChange={(e) => {
                // Read now: React clears currentTarget before a deferred updater runs.
                const value = e.currentTarget.value
                setDraft((d) => ({ ...d, from: value }))
              }}
            />
          </label>
          <label>
            <span>{t('bi.range.to')}</span>
            <input
              type="date"
              value={draft.to}
              data-testid="range-to"
              aria-invalid={error !== null}
              onChange={(e) => {
                // Read now: React clears currentTarget before a deferred updater runs.
                const value = e.currentTarget.value
                setDraft((d) => ({ ...d, to: value }))
              }}
            />
          </label>
          {error && (
            <p className="field-error" role="alert" data-testid="range-error">
              {t(`bi.range.error.${error}`)}
            </p>
          )}
          <button type="submit" className="btn btn-primary" data-testid="range-apply">
            {t('bi.range.apply')}
          </button>
        </form>
      </div>
    </details>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SlaPolicyResponse } from '../../../../shared/ipc/types-sla'
import { call } from '../../lib/api'
import { readIcsFile } from './read-ics'
import type { ChangeReport } from './sla-settings-section'
import { formatDay, parseWeek } from './sla-form'

type PanelProps = { policy: SlaPolicyResponse; onDone: ChangeReport }
const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

export function BusinessHoursEditor({ policy, onDone }: PanelProps) {
  const { t } = useTranslation()
  const dayNames = t('slaSettings.hours.days', { returnObjects: true }) as string[]
  const [days, setDays] = useState<string[]>(() => policy.business.week.map((d) => formatDay(d)))
  const [errors, setErrors] = useState<Record<number, string>>({})
  const [saving, setSaving] = useState(false)

  async function save() {
    const parsed = parseWeek(days)
    if (!parsed.ok) {
      setErrors(parsed.errors)
      return
    }
    setErrors({})
    setSaving(true)
    try {
      const r = await call('sla:set-calendar-hours', { week: parsed.week })
      onDone({ policy: r.policy, notice: t('slaSettings.hours.saved') })
    } catch (e) {
      onDone({ error: message(e) })
    } finally {
      setSaving(false)
    }
  }

  return (
    <form
      className="sla-block"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h3>{t('slaSettings.hours.title')}</h3>
      <p className="field-note">{t('slaSettings.hours.note', { zone: policy.business.zone })}</p>
      <div className="sla-week">
        {days.map((text, i) => (
          <label key={i} className="sla-day">
            <span>{dayNames[i]}</span>
            <input
              value={text}
              aria-invalid={errors[i] !== undefined}
              data-testid={`sla-hours-${i}`}
              onChange={(e) => {
                const value = e.currentTarget.value
                setDays((d) => d.map((x, k) => (k === i ? value : x)))
              }}
            />
            {errors[i] && (
              <span className="field-error" role="alert">
                {t(`slaSettings.errors.${errors[i]}`)}
              </span>
            )}
          </label>
        ))}
      </div>
      <div className="settings-actions">
        <button type="submit" className="btn" disabled={saving} data-testid="sla-save-hours">
          {t('slaSettings.hours.save')}
        </button>
      </div>
    </form>
  )
}

export function HolidaysPanel({ policy, onDone }: PanelProps) {
  const { t } = useTranslation()
  const [day, setDay] = useState('')
  const [name, setName] = useState('')
  const [dayError, setDayError] = useState(false)
  const [busy, setBusy] = useState(false)
  const holidays = policy.business.holidays

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    try {
      await work()
    } catch (e) {
      onDone({ error: message(e) })
    } finally {
      setBusy(false)
    }
  }
  const add = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      setDayError(true)
      return
    }
    setDayError(false)
    void run(async () => {
      const r = await call('sla:add-holiday', { day, name })
      setDay('')
      setName('')
      onDone({ policy: r.policy, notice: t('slaSettings.holidays.added', { day }) })
    })
  }
  const importFile = (file: File) =>
    void run(async () => {
      let content: string
      try {
        content = await readIcsFile(file)
      } catch {
        onDone({ error: t('slaSettings.errors.fileRead') })
        return
      }
      const r = await call('sla:import-holidays', { content })
      onDone({
        policy: r.policy,
        notice: t('slaSettings.holidays.imported', {
          added: r.added,
          updated: r.updated,
          events: r.events,
          skipped: r.skippedTimed,
        }),
      })
    })

  return (
    <div className="sla-block">
      <h3>
        {t('slaSettings.holidays.title')}{' '}
        <span className="field-note">{t('slaSettings.holidays.count', { count: holidays.length })}</span>
      </h3>
      <div className="sla-holiday-add">
        <input
          type="date"
          aria-label={t('slaSettings.holidays.day')}
          value={day}
          aria-invalid={dayError}
          data-testid="sla-holiday-day"
          onChange={(e) => setDay(e.currentTarget.value)}
        />
        <input
          aria-label={t('slaSettings.holidays.name')}
          placeholder={t('slaSettings.holidays.name')}
          value={name}
          data-testid="sla-holiday-name"
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <button type="button" className="btn" disabled={busy} onClick={add} data-testid="sla-holiday-add">
          {t('slaSettings.holidays.add')}
        </button>
        <label className="btn file-pick">
          {t('slaSettings.holidays.import')}
          <input
            type="file"
            accept=".ics,text/calendar"
            disabled={busy}
            data-testid="sla-ics-input"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0]
              e.currentTarget.value = ''
              if (file) importFile(file)
            }}
          />
        </label>
      </div>
      {dayError && (
        <span className="field-error" role="alert">
          {t('slaSettings.errors.date')}
        </span>
      )}
      {holidays.length === 0 ? (
        <p className="field-note">{t('slaSettings.holidays.none')}</p>
      ) : (
        <div className="sla-holiday-scroll">
          <table className="sla-table" data-testid="sla-holidays">
            <thead>
              <tr>
                <th>{t('slaSettings.holidays.day')}</th>
                <th>{t('slaSettings.holidays.name')}</th>
                <th>{t('slaSettings.holidays.origin')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {holidays.map((h) => (
                <tr key={h.day} data-testid={`sla-holiday-${h.day}`}>
                  <td className="num">{h.day}</td>
                  <td className="wrap">{h.name}</td>
                  <td>{t(`slaSettings.holidays.origins.${h.origin}`)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={busy}
                      onClick={() =>
                        void run(async () => {
                          const r = await call('sla:remove-holiday', { day: h.day })
                          onDone({
                            policy: r.policy,
                            notice: t('slaSettings.holidays.removed', { day: h.day }),
                          })
                        })
                      }
                    >
                      {t('slaSettings.policy.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

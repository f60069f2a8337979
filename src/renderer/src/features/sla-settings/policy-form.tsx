import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Priority } from '../../../../shared/domain'
import type { SlaPolicyResponse } from '../../../../shared/ipc/types-sla'
import { call } from '../../lib/api'
import type { ChangeReport } from './sla-settings-section'
import { PRIORITY_LIST, toPolicyDraft, validatePolicy, type PolicyDraft, type PolicyErrors } from './sla-form'

export function PolicyForm({ policy, onDone }: { policy: SlaPolicyResponse; onDone: ChangeReport }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<PolicyDraft>(() =>
    // The newest version (possibly not yet in force) is what an admin edits next.
    toPolicyDraft(policy.versions[0] ?? policy.current, policy.today),
  )
  const [errors, setErrors] = useState<PolicyErrors>({})
  const [saving, setSaving] = useState(false)
  const update = (change: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...change }))
  const err = (field: string) => {
    const key = errors[field]
    return key ? (
      <span className="field-error" role="alert" data-testid={`sla-error-${field}`}>
        {t(`slaSettings.errors.${key}`)}
      </span>
    ) : null
  }

  async function save() {
    const v = validatePolicy(draft)
    if (!v.ok) {
      setErrors(v.errors)
      return
    }
    setErrors({})
    setSaving(true)
    try {
      const r = await call('sla:save-policy', v.request)
      onDone({
        policy: r.policy,
        notice: t('slaSettings.policy.saved', { version: r.policy.versions[0]?.version, count: r.rejudged }),
      })
    } catch (e) {
      onDone({ error: e instanceof Error ? e.message : String(e) })
    } finally {
      setSaving(false)
    }
  }

  return (
    <form
      className="sla-block"
      aria-labelledby="sla-policy-title"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h3 id="sla-policy-title">{t('slaSettings.policy.title')}</h3>
      <div className="sla-targets">
        {PRIORITY_LIST.map((p) => (
          <label key={p} className="sla-target">
            <span>{t('slaSettings.policy.target', { priority: p })}</span>
            <input
              inputMode="decimal"
              value={draft.targets[p]}
              aria-invalid={errors[`target-${p}`] !== undefined}
              data-testid={`sla-target-${p}`}
              onChange={(e) => update({ targets: { ...draft.targets, [p]: e.currentTarget.value } })}
            />
            {err(`target-${p}`)}
          </label>
        ))}
      </div>
      <div className="field">
        <label htmlFor="sla-calendar">{t('slaSettings.policy.calendar')}</label>
        <div className="field-control">
          <select
            id="sla-calendar"
            value={draft.calendar}
            data-testid="sla-calendar"
            onChange={(e) => update({ calendar: e.currentTarget.value === 'business' ? 'business' : '24x7' })}
          >
            <option value="24x7">{t('slaSettings.policy.calendars.24x7')}</option>
            <option value="business">{t('slaSettings.policy.calendars.business')}</option>
          </select>
          <label className="sla-check">
            <input
              type="checkbox"
              checked={draft.pauseOnPending}
              onChange={(e) => update({ pauseOnPending: e.currentTarget.checked })}
            />
            {t('slaSettings.policy.pause')}
          </label>
        </div>
      </div>
      <div className="field">
        <label htmlFor="sla-effective">{t('slaSettings.policy.effectiveFrom')}</label>
        <div className="field-control">
          <input
            id="sla-effective"
            type="date"
            value={draft.effectiveFrom}
            aria-invalid={errors.effectiveFrom !== undefined}
            data-testid="sla-effective"
            onChange={(e) => update({ effectiveFrom: e.currentTarget.value })}
          />
          {err('effectiveFrom')}
          <span className="field-note">
            {t('slaSettings.policy.effectiveNote', { zone: policy.timeZone })}
          </span>
        </div>
      </div>
      <h4>{t('slaSettings.policy.overrides')}</h4>
      {draft.overrides.length === 0 && <p className="field-note">{t('slaSettings.policy.noOverrides')}</p>}
      {draft.overrides.map((o, i) => {
        const set = (change: Partial<typeof o>) =>
          update({ overrides: draft.overrides.map((x, k) => (k === i ? { ...x, ...change } : x)) })
        return (
          <div key={i} className="sla-override" data-testid={`sla-override-${i}`}>
            <input
              aria-label={t('slaSettings.policy.overrideCategory')}
              placeholder={t('slaSettings.policy.overrideCategory')}
              value={o.category}
              onChange={(e) => set({ category: e.currentTarget.value })}
            />
            <select
              aria-label={t('slaSettings.policy.overridePriority')}
              value={o.priority}
              onChange={(e) =>
                set({
                  priority: (PRIORITY_LIST.find((p) => p === e.currentTarget.value) ?? '') as Priority | '',
                })
              }
            >
              <option value="">{t('slaSettings.policy.anyPriority')}</option>
              {PRIORITY_LIST.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
            <input
              aria-label={t('slaSettings.policy.overrideHours')}
              placeholder={t('slaSettings.policy.overrideHours')}
              inputMode="decimal"
              value={o.hours}
              onChange={(e) => set({ hours: e.currentTarget.value })}
            />
            <button
              type="button"
              className="btn"
              onClick={() => update({ overrides: draft.overrides.filter((_, k) => k !== i) })}
            >
              {t('slaSettings.policy.remove')}
            </button>
            {err(`override-${i}`)}
          </div>
        )
      })}
      <div className="settings-actions">
        <button
          type="button"
          className="btn"
          onClick={() =>
            update({ overrides: [...draft.overrides, { category: '', priority: '', hours: '' }] })
          }
        >
          {t('slaSettings.policy.addOverride')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="sla-save-policy">
          {t('slaSettings.policy.save')}
        </button>
      </div>
    </form>
  )
}

import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { PRIORITIES } from '../../../../shared/domain'
import { KPI_PERIODS, type KpiBoardItem, type KpiDefinition } from '../../../../shared/ipc/types-kpi'
import { ApiClientError, call } from '../../lib/api'
import { useUnit } from '../kpi/use-unit'
import { toDraft, validateDraft, type DraftErrors, type DraftField, type KpiDraft } from './kpi-form'

const SR_METRICS = new Set(['created', 'resolved', 'mttr', 'fcr', 'sla_compliance', 'backlog', 'reopen_rate'])

type Props = {
  kpi: KpiBoardItem
  tenants: string[]
  onSaved: (def: KpiDefinition) => void
  onCancel: () => void
}

/** Edits one KPI's target, bands, period and filter; saving makes a new version. */
export function KpiEditForm({ kpi, tenants, onSaved, onCancel }: Props) {
  const { t } = useTranslation()
  const unit = useUnit()
  const [draft, setDraft] = useState<KpiDraft>(() => toDraft(kpi))
  // The KPI's own tenant as last seen. A sync renaming that tenant upstream rewrites the KPI's filter
  // (the list is read again on data:changed): a draft still on the old name follows it, so saving
  // never writes back a name no tenant has. A tenant the user picked in the draft is left alone.
  const kpiTenant = kpi.filter?.tenant ?? ''
  const [seenTenant, setSeenTenant] = useState(kpiTenant)
  if (kpiTenant !== seenTenant) {
    setSeenTenant(kpiTenant)
    if (draft.tenant === seenTenant) setDraft((d) => ({ ...d, tenant: kpiTenant }))
  }
  const [errors, setErrors] = useState<DraftErrors>({})
  const [serverError, setServerError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const update = (change: Partial<KpiDraft>) => setDraft((d) => ({ ...d, ...change }))
  const srBased = SR_METRICS.has(kpi.base_metric)
  const tenantAllowed = srBased || kpi.base_metric === 'deploy_success_rate'
  const id = (f: DraftField) => `kpi-${kpi.id}-${f}`

  async function save(): Promise<void> {
    const { patch, errors: local } = validateDraft(draft, kpi.direction)
    setErrors(local)
    setServerError(null)
    if (!patch) return
    setSaving(true)
    try {
      onSaved(await call('kpi:update', { kpi: kpi.id, ...patch }))
    } catch (err) {
      if (err instanceof ApiClientError && err.issues.length > 0) {
        setServerError(err.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
      } else setServerError(err instanceof Error ? err.message : String(err))
    } finally {
      setSaving(false)
    }
  }

  const field = (f: DraftField, label: string, control: ReactNode) => (
    <div className="field" key={f}>
      <label htmlFor={id(f)}>{label}</label>
      <div className="field-control">
        {control}
        {errors[f] && (
          <span className="field-error" id={`${id(f)}-error`} data-testid={`kpi-error-${f}`}>
            {t(errors[f])}
          </span>
        )}
      </div>
    </div>
  )
  const input = (
    f: 'target' | 'green' | 'yellow' | 'yellowFactor' | 'category' | 'effective',
    inputMode?: 'decimal',
  ) => (
    <input
      id={id(f)}
      value={draft[f]}
      inputMode={inputMode}
      aria-invalid={errors[f] !== undefined}
      aria-describedby={errors[f] ? `${id(f)}-error` : undefined}
      onChange={(e) => update({ [f]: e.currentTarget.value })}
      data-testid={`kpi-field-${f}`}
    />
  )

  return (
    <form
      className="kpi-edit"
      data-testid={`kpi-edit-${kpi.name}`}
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      {field('target', `${t('kpiSettings.fields.target')} (${unit(kpi.unit)})`, input('target', 'decimal'))}
      {kpi.direction === 'HIGHER_BETTER' ? (
        <>
          {field('green', t('kpiSettings.fields.green'), input('green', 'decimal'))}
          {field('yellow', t('kpiSettings.fields.yellow'), input('yellow', 'decimal'))}
        </>
      ) : (
        field('yellowFactor', t('kpiSettings.fields.yellowFactor'), input('yellowFactor', 'decimal'))
      )}
      {field(
        'period',
        t('kpiSettings.fields.period'),
        <select
          id={id('period')}
          value={draft.period}
          onChange={(e) =>
            update({ period: KPI_PERIODS.find((p) => p === e.currentTarget.value) ?? 'MONTHLY' })
          }
        >
          {KPI_PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`kpiBoard.period.${p}`)}
            </option>
          ))}
        </select>,
      )}
      {tenantAllowed &&
        field(
          'tenant',
          t('kpiSettings.fields.tenant'),
          <select
            id={id('tenant')}
            value={draft.tenant}
            onChange={(e) => update({ tenant: e.currentTarget.value })}
          >
            <option value="">{t('kpiSettings.fields.all')}</option>
            {[...new Set([...tenants, ...(draft.tenant ? [draft.tenant] : [])])].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>,
        )}
      {srBased && field('category', t('kpiSettings.fields.category'), input('category'))}
      {srBased &&
        field(
          'priority',
          t('kpiSettings.fields.priority'),
          <select
            id={id('priority')}
            value={draft.priority}
            onChange={(e) => update({ priority: PRIORITIES.find((p) => p === e.currentTarget.value) ?? '' })}
          >
            <option value="">{t('kpiSettings.fields.all')}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>,
        )}
      {field('effective', t('kpiSettings.fields.effective'), input('effective'))}
      {serverError && (
        <p className="field-error" role="alert" data-testid="kpi-server-error">
          {serverError}
        </p>
      )}
      <div className="settings-actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="kpi-save">
          {saving ? t('kpiSettings.saving') : t('kpiSettings.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('kpiSettings.cancel')}
        </button>
      </div>
    </form>
  )
}

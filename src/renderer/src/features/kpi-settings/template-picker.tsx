import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KpiTemplate } from '../../../../shared/ipc/types-kpi'
import { call } from '../../lib/api'

type Props = { templates: KpiTemplate[]; existing: Set<string>; onApplied: (message: string) => void }

/** Checkboxes of the built-in templates (applied ones disabled) and the apply button. */
export function TemplatePicker({ templates, existing, onApplied }: Props) {
  const { t } = useTranslation()
  const [picked, setPicked] = useState<Set<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const toggle = (name: string) =>
    setPicked((prev) => {
      const next = new Set(prev)
      if (next.has(name)) next.delete(name)
      else next.add(name)
      return next
    })

  async function apply(): Promise<void> {
    const names = [...picked].filter((n) => !existing.has(n))
    if (names.length === 0) {
      setError(t('kpiSettings.errors.pickTemplate'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const result = await call('kpi:apply', { template_names: names })
      setPicked(new Set())
      onApplied(t('kpiSettings.appliedResult', { count: result.count }))
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <fieldset className="kpi-templates" data-testid="kpi-templates">
      <legend>{t('kpiSettings.templates')}</legend>
      <p className="field-note">{t('kpiSettings.templatesNote')}</p>
      <div className="kpi-template-grid">
        {templates.map((tpl) => {
          const applied = existing.has(tpl.name)
          return (
            <label key={tpl.name} className="kpi-template" data-testid={`kpi-template-${tpl.name}`}>
              <input
                type="checkbox"
                checked={applied || picked.has(tpl.name)}
                disabled={applied || busy}
                onChange={() => toggle(tpl.name)}
              />
              <span>
                <strong>{tpl.display_name}</strong>
                <span className="field-note">
                  {' '}
                  {tpl.name}
                  {applied ? ` · ${t('kpiSettings.applied')}` : ''}
                </span>
              </span>
            </label>
          )
        })}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="settings-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void apply()}
          data-testid="kpi-apply"
        >
          {busy ? t('kpiSettings.applying') : t('kpiSettings.apply')}
        </button>
      </div>
    </fieldset>
  )
}

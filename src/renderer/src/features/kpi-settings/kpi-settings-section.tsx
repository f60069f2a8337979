import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KpiBoardItem } from '../../../../shared/ipc/types-kpi'
import { ErrorBanner } from '../../components/error-banner'
import { call } from '../../lib/api'
import { useApiQuery } from '../../lib/use-api-query'
import { useLiveQuery } from '../../lib/use-live-query'
import { formatKpiValue } from '../kpi/format'
import { useUnit } from '../kpi/use-unit'
import { StatusBadge } from '../kpi/status-badge'
import '../kpi/kpi.css'
import './kpi-settings.css'
import { KpiEditForm } from './kpi-edit-form'
import { TemplatePicker } from './template-picker'

/** Settings → KPI targets (admin): apply templates, edit targets/bands/period/filter, delete. */
export function KpiSettingsSection() {
  const { t, i18n } = useTranslation()
  const unit = useUnit()
  const list = useLiveQuery(() => call('kpi:list', { history: 0 }), 'kpi-settings-list')
  const templates = useApiQuery(() => call('kpi:templates', {}), `kpi-templates:${i18n.language}`)
  // Read again when the data changes, so a tenant a sync renamed upstream is offered under its new name.
  const tenants = useLiveQuery(() => call('workspace:tenants', {}), 'kpi-settings-tenants')
  const [editing, setEditing] = useState<number | null>(null)
  const [confirming, setConfirming] = useState<number | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  /** A delete that failed: its banner's Retry deletes the same KPI again. */
  const [failed, setFailed] = useState<{ kpi: KpiBoardItem; message: string } | null>(null)
  const [retrying, setRetrying] = useState(false)

  const done = (message: string) => {
    setNotice(message)
    setFailed(null)
    list.reload()
  }
  async function remove(kpi: KpiBoardItem): Promise<void> {
    try {
      await call('kpi:delete', { kpi: kpi.id })
      setConfirming(null)
      done(t('kpiSettings.deleted', { name: kpi.display_name }))
    } catch (err) {
      setFailed({ kpi, message: err instanceof Error ? err.message : String(err) })
    }
  }

  const kpis = list.data?.kpis ?? []
  return (
    <section
      className="settings-section kpi-settings"
      aria-labelledby="kpi-settings-title"
      data-testid="admin-kpi"
    >
      <h2 id="kpi-settings-title">{t('kpiSettings.title')}</h2>
      <p className="field-note">{t('kpiSettings.intro')}</p>
      <p className="save-status" role="status" data-testid="kpi-settings-status">
        {notice ?? ''}
      </p>
      {failed ? (
        <ErrorBanner
          title={t('kpiSettings.deleteFailed', { name: failed.kpi.display_name })}
          message={failed.message}
          retrying={retrying}
          onRetry={() => {
            setRetrying(true)
            void remove(failed.kpi).finally(() => setRetrying(false))
          }}
        />
      ) : (
        list.error && <ErrorBanner message={list.error.message} onRetry={list.reload} />
      )}
      {templates.data && (
        <TemplatePicker
          templates={templates.data}
          existing={new Set(kpis.map((k) => k.name))}
          onApplied={done}
        />
      )}
      <h3 className="kpi-settings-subtitle">{t('kpiSettings.list')}</h3>
      {list.loading && !list.data && <p className="field-note">{t('kpiSettings.loading')}</p>}
      {list.data && kpis.length === 0 && <p className="field-note">{t('kpiSettings.none')}</p>}
      <ul className="kpi-settings-list">
        {kpis.map((k) => (
          <li key={k.id} className="kpi-settings-item" data-testid={`kpi-setting-${k.name}`}>
            <div className="kpi-settings-row">
              <div className="kpi-settings-name">
                <strong>{k.display_name}</strong>
                <span className="field-note">
                  {k.name} ·{' '}
                  {t('kpiSettings.summary', {
                    target: formatKpiValue(k.target, i18n.language),
                    unit: unit(k.unit, k.target),
                    period: t(`kpiBoard.period.${k.period}`),
                    direction: t(`kpiBoard.direction.${k.direction}`),
                  })}
                </span>
              </div>
              <StatusBadge status={k.status} />
              <button
                type="button"
                className="btn"
                onClick={() => setEditing(editing === k.id ? null : k.id)}
                data-testid="kpi-edit"
              >
                {t('kpiSettings.edit')}
              </button>
              <button
                type="button"
                className="btn kpi-btn-danger"
                onClick={() => setConfirming(k.id)}
                data-testid="kpi-delete"
              >
                {t('kpiSettings.delete')}
              </button>
            </div>
            {confirming === k.id && (
              <div
                className="kpi-confirm"
                role="alertdialog"
                aria-label={t('kpiSettings.confirmDelete', { name: k.display_name })}
              >
                <span>{t('kpiSettings.confirmDelete', { name: k.display_name })}</span>
                <button
                  type="button"
                  className="btn kpi-btn-danger"
                  onClick={() => void remove(k)}
                  data-testid="kpi-delete-confirm"
                >
                  {t('kpiSettings.confirmDeleteYes')}
                </button>
                <button type="button" className="btn" onClick={() => setConfirming(null)}>
                  {t('kpiSettings.cancel')}
                </button>
              </div>
            )}
            {editing === k.id && (
              <KpiEditForm
                kpi={k}
                tenants={(tenants.data ?? []).map((x) => x.name)}
                onCancel={() => setEditing(null)}
                onSaved={(def) => {
                  setEditing(null)
                  done(t('kpiSettings.saved', { name: def.display_name, version: def.version }))
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

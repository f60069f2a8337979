import { useRef } from 'react'
import { useDetailsDismiss } from '../lib/use-details-dismiss'
import { useTranslation } from 'react-i18next'
import type { TenantSummary } from '../../../shared/ipc/types'
import { formatCount } from '../i18n/format'
import { tenantNoticeText, type TenantSelectionNotice } from './tenant-selection'

type TenantFilterProps = {
  tenants: TenantSummary[]
  selected: string[]
  onChange: (selected: string[]) => void
}

/** Multi-select of institutions; none selected means all. */
export function TenantFilter({ tenants, selected, onChange }: TenantFilterProps) {
  const { t, i18n } = useTranslation()
  const ref = useRef<HTMLDetailsElement>(null)
  useDetailsDismiss(ref)
  const summary =
    selected.length === 0
      ? t('tenants.all')
      : selected.length === 1
        ? t('tenants.one', { name: selected[0] })
        : t('tenants.some', { count: selected.length })

  function toggle(name: string, checked: boolean): void {
    const next = checked ? [...selected, name] : selected.filter((s) => s !== name)
    // Keep the tenants' own order so the request (and its cache key) doesn't depend on click order.
    onChange(tenants.map((x) => x.name).filter((n) => next.includes(n)))
  }

  return (
    <details ref={ref} className="tenant-filter" data-testid="tenant-filter">
      <summary className="btn btn-header" aria-label={`${t('tenants.label')}: ${summary}`}>
        {summary}
      </summary>
      <div className="tenant-panel" role="group" aria-label={t('tenants.label')}>
        {tenants.length === 0 && <p>{t('tenants.empty')}</p>}
        {selected.length > 0 && (
          <button type="button" className="btn" onClick={() => onChange([])}>
            {t('tenants.clear')}
          </button>
        )}
        {tenants.map((tenant) => (
          <label key={tenant.name} className="tenant-option">
            <input
              type="checkbox"
              checked={selected.includes(tenant.name)}
              onChange={(e) => toggle(tenant.name, e.currentTarget.checked)}
            />
            <span>{tenant.name}</span>
            <span className="tenant-option-count">{formatCount(tenant.srCount, i18n.language)}</span>
          </label>
        ))}
      </div>
    </details>
  )
}

/**
 * Says what a refreshed tenant list did to the selection (a selected tenant renamed upstream and
 * followed, or gone and taken out). A polite live region, there before any notice so it is read out.
 */
export function TenantNotice({
  notice,
  onDismiss,
}: {
  notice: TenantSelectionNotice | null
  onDismiss: () => void
}) {
  const { t, i18n } = useTranslation()
  return (
    <NoticeBar
      text={notice ? tenantNoticeText(t, i18n.language, notice) : null}
      onDismiss={onDismiss}
      testId="tenant-notice"
    />
  )
}

/** The tenant notice's bar: a polite live region (always there) with the text and a dismiss button. */
export function NoticeBar({
  text,
  onDismiss,
  testId,
}: {
  text: string | null
  onDismiss: () => void
  testId: string
}) {
  const { t } = useTranslation()
  return (
    <div className={text ? 'tenant-notice' : 'tenant-notice-idle'} data-testid={testId}>
      <p className="tenant-notice-text" role="status" aria-live="polite">
        {text ?? ''}
      </p>
      {text && (
        <button type="button" className="btn" onClick={onDismiss}>
          {t('tenants.dismiss')}
        </button>
      )}
    </div>
  )
}

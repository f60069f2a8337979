// Settings → SLA (SPEC §3, §9): targets per priority with category overrides and an effective date
// (each save is a new version), the business calendar's hours and holidays (with .ics import), and
// the version history. Every change re-judges the stored SRs; progress is shown while it runs.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SlaPolicyResponse } from '../../../../shared/ipc/types-sla'
import { ErrorBanner } from '../../components/error-banner'
import { call } from '../../lib/api'
import { useApiEvent } from '../../lib/use-api-event'
import { useApiQuery } from '../../lib/use-api-query'
import { BusinessHoursEditor, HolidaysPanel } from './calendar-panels'
import { PolicyForm } from './policy-form'
import { VersionHistory } from './version-history'
import './sla-settings.css'

/** What a panel reports after a change: the new policy, or an error message. */
export type ChangeReport = (result: { policy?: SlaPolicyResponse; notice?: string; error?: string }) => void

export function SlaSettingsSection() {
  const { t } = useTranslation()
  const query = useApiQuery(() => call('sla:get-policy', {}), 'sla-policy')
  const [policy, setPolicy] = useState<SlaPolicyResponse | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  useApiEvent('sla:rejudge-progress', (p) => setProgress(p.done >= p.total ? null : p))

  const data = policy ?? query.data ?? null
  const report: ChangeReport = (r) => {
    if (r.policy) setPolicy(r.policy)
    setNotice(r.notice ?? null)
    setError(r.error ?? null)
    setProgress(null)
  }

  return (
    <section
      className="settings-section sla-settings"
      aria-labelledby="sla-settings-title"
      data-testid="admin-sla"
    >
      <h2 id="sla-settings-title">{t('slaSettings.title')}</h2>
      <p className="field-note">{t('slaSettings.intro')}</p>
      {query.error && !data && <ErrorBanner message={query.error.message} onRetry={query.reload} />}
      {error && <ErrorBanner title={t('slaSettings.errors.failed')} message={error} />}
      <p className="sla-notice" role="status" data-testid="sla-notice">
        {progress ? t('slaSettings.rejudging', progress) : (notice ?? '')}
      </p>
      {!data ? (
        <p>{t('slaSettings.loading')}</p>
      ) : (
        <>
          <p className="sla-current" data-testid="sla-current">
            {t('slaSettings.current', { version: data.current.version })}
          </p>
          <PolicyForm key={`policy-${data.versions.length}`} policy={data} onDone={report} />
          <BusinessHoursEditor
            key={`hours-${JSON.stringify(data.business.week)}`}
            policy={data}
            onDone={report}
          />
          <HolidaysPanel policy={data} onDone={report} />
          <VersionHistory policy={data} />
        </>
      )}
    </section>
  )
}

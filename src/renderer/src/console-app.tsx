import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AppShell } from './components/app-shell'
import { DateRangeFilter } from './components/date-range-filter'
import { EmptyState } from './components/empty-state'
import { ErrorBanner } from './components/error-banner'
import { TenantFilter, TenantNotice } from './components/tenant-filter'
import { useDateRange } from './components/use-date-range'
import { useTenantSelection } from './components/use-tenant-selection'
import { Watermark } from './components/watermark'
import { FirstRunPanel } from './features/first-run/first-run-panel'
import { call } from './lib/api'
import { IS_WEB_HARNESS } from './lib/install-api'
import { useApiEvent } from './lib/use-api-event'
import { useApiQuery } from './lib/use-api-query'
import { useSettings } from './lib/use-settings'
import { SCREENS } from './screens'

/** The console window: shell, header tools, and the first-run offer or the overview. */
export function ConsoleApp() {
  const { t } = useTranslation()
  const { settings, error: settingsError, reload: reloadSettings, replace: replaceSettings } = useSettings()
  const status = useApiQuery(() => call('workspace:status', {}), 'status')
  const tenants = useApiQuery(() => call('workspace:tenants', {}), 'tenants')
  // The header's institutions, by name; kept on the same tenants when a sync renames them upstream.
  const tenantSelection = useTenantSelection(tenants.data)
  // The header's period, resolved against today in the workspace zone and passed to every screen.
  const dateRange = useDateRange(settings?.timeZone ?? 'Asia/Seoul')
  const [screenId, setScreenId] = useState(SCREENS[0]?.id ?? 'overview')
  const screen = SCREENS.find((s) => s.id === screenId) ?? SCREENS[0]
  /** Opening Settings failed: its banner's Retry asks for the window again. */
  const [actionError, setActionError] = useState<Error | null>(null)
  const [retrying, setRetrying] = useState(false)
  useApiEvent('data:changed', () => {
    status.reload()
    tenants.reload()
  })
  // A sync that failed changes no data but does change which connections are failing.
  useApiEvent('sync:finished', () => status.reload())

  async function openSettings(): Promise<void> {
    try {
      await call('window:open-settings', {})
      setActionError(null)
      // The harness has no second window to open; in a browser the Settings page opens as a tab.
      if (IS_WEB_HARNESS) window.open('./settings.html', '_blank', 'noopener')
    } catch (err) {
      setActionError(err instanceof Error ? err : new Error(String(err)))
    }
  }

  const showFirstRun = status.data?.empty === true && settings?.demoOfferAnswered === false
  const loadError = settingsError ?? status.error
  const ready = settings !== undefined && status.settled

  const headerTools = (
    <>
      <Watermark
        updatedAt={status.data?.watermark}
        timeZone={settings?.timeZone ?? 'Asia/Seoul'}
        failing={status.data?.syncFailing ?? []}
        onShowSync={() => setScreenId('sync')}
      />
      {!showFirstRun && status.data?.empty === false && <DateRangeFilter {...dateRange} />}
      {!showFirstRun && (
        <TenantFilter
          tenants={tenants.data ?? []}
          selected={tenantSelection.selected}
          onChange={tenantSelection.choose}
        />
      )}
      <button
        type="button"
        className="btn btn-header"
        onClick={() => void openSettings()}
        data-testid="open-settings"
      >
        {t('header.settings')}
      </button>
    </>
  )

  return (
    <AppShell
      headerTools={headerTools}
      nav={SCREENS}
      current={screen?.id ?? ''}
      onNavigate={setScreenId}
      // An empty workspace still reaches the screens that fill it (Sync: connections and file import).
      navEnabled={!showFirstRun && status.data !== undefined}
    >
      <TenantNotice notice={tenantSelection.notice} onDismiss={tenantSelection.dismissNotice} />
      {actionError && (
        <ErrorBanner
          title={t('header.settingsFailed')}
          message={actionError.message}
          retrying={retrying}
          onRetry={() => {
            setRetrying(true)
            void openSettings().finally(() => setRetrying(false))
          }}
        />
      )}
      {loadError && !settings ? (
        <ErrorBanner
          message={loadError.message}
          onRetry={() => {
            reloadSettings()
            status.reload()
          }}
        />
      ) : !settings || !status.data ? (
        <p>{t('app.loading')}</p>
      ) : showFirstRun ? (
        <FirstRunPanel
          onDone={(saved) => {
            replaceSettings(saved)
            status.reload()
            tenants.reload()
          }}
        />
      ) : (
        <>
          {status.data.empty && !screen?.worksWhenEmpty && (
            <EmptyState title={t('overview.emptyTitle')}>
              <p>{t('overview.emptyBody')}</p>
            </EmptyState>
          )}
          {(!status.data.empty || screen?.worksWhenEmpty) && screen && (
            <screen.Component filters={{ tenants: tenantSelection.selected, range: dateRange.range }} />
          )}
        </>
      )}
      {ready && <span data-testid="app-ready" hidden />}
    </AppShell>
  )
}

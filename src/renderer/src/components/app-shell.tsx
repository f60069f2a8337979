import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

type AppShellProps = {
  /** Right-hand side of the header: watermark, filters, the settings button. */
  headerTools: ReactNode
  children: ReactNode
}

// Areas of SPEC §4–§8 that arrive later are listed, disabled, so operators see where the console grows.
const LATER_AREAS = ['srTrend', 'sla', 'kpi', 'reports'] as const

export function AppShell({ headerTools, children }: AppShellProps) {
  const { t } = useTranslation()
  return (
    <div className="shell">
      <header className="shell-header">
        <h1 className="shell-brand">{t('app.name')}</h1>
        <div className="shell-header-spacer" />
        {headerTools}
      </header>
      <nav className="shell-nav" aria-label={t('nav.label')}>
        <ul>
          <li>
            <span className="nav-item" aria-current="page">
              {t('nav.overview')}
            </span>
          </li>
          {LATER_AREAS.map((area) => (
            <li key={area}>
              <span className="nav-item" aria-disabled="true">
                {t(`nav.${area}`)}
                <span className="nav-soon">{t('nav.comingSoon')}</span>
              </span>
            </li>
          ))}
        </ul>
      </nav>
      <main className="shell-main">{children}</main>
    </div>
  )
}

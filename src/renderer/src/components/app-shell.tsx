import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export type NavItem = { id: string; navKey: string }

type AppShellProps = {
  /** Right-hand side of the header: watermark, filters, the settings button. */
  headerTools: ReactNode
  nav: readonly NavItem[]
  current: string
  onNavigate: (id: string) => void
  /** False while the first-run offer is shown: the menu is there but not usable yet. */
  navEnabled: boolean
  children: ReactNode
}

export function AppShell({ headerTools, nav, current, onNavigate, navEnabled, children }: AppShellProps) {
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
          {nav.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={item.id === current ? 'page' : undefined}
                disabled={!navEnabled}
                data-testid={`nav-${item.id}`}
                onClick={() => onNavigate(item.id)}
              >
                {t(item.navKey)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="shell-main">{children}</main>
    </div>
  )
}

import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { ConnectionsSection } from '../connections/connections-section'
import { KpiSettingsSection } from '../kpi-settings/kpi-settings-section'
import { SlaSettingsSection } from '../sla-settings/sla-settings-section'

/**
 * The admin sections of the Settings window (SPEC §9). Each area registers its section here; one
 * without a component yet is shown as a placeholder so admins see where it will live.
 */
export type AdminSection = {
  id: 'kpi' | 'sla' | 'connections' | 'schedules'
  Component: ComponentType | null
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { id: 'kpi', Component: KpiSettingsSection },
  { id: 'sla', Component: SlaSettingsSection },
  { id: 'connections', Component: ConnectionsSection },
  { id: 'schedules', Component: null },
]

export function AdminSections() {
  const { t } = useTranslation()
  return (
    <section className="settings-section" aria-labelledby="admin-title">
      <h2 id="admin-title">{t('settings.adminTitle')}</h2>
      <div className="admin-grid">
        {ADMIN_SECTIONS.map(({ id, Component }) =>
          Component ? (
            <Component key={id} />
          ) : (
            <div key={id} className="admin-placeholder" data-testid={`admin-${id}`}>
              <h3>{t(`settings.admin.${id}`)}</h3>
              <p>{t('settings.adminOnly')}</p>
            </div>
          ),
        )}
      </div>
    </section>
  )
}

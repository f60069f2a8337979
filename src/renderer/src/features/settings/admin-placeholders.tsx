import { useTranslation } from 'react-i18next'

// The admin sections of SPEC §9, shown now so admins know where they will live.
const SECTIONS = ['kpi', 'sla', 'connections', 'schedules'] as const

export function AdminPlaceholders() {
  const { t } = useTranslation()
  return (
    <section className="settings-section" aria-labelledby="admin-title">
      <h2 id="admin-title">{t('settings.adminTitle')}</h2>
      <div className="admin-grid">
        {SECTIONS.map((section) => (
          <div key={section} className="admin-placeholder" data-testid={`admin-${section}`}>
            <h3>{t(`settings.admin.${section}`)}</h3>
            <p>{t('settings.adminOnly')}</p>
          </div>
        ))}
      </div>
    </section>
  )
}

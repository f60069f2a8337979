import { useTranslation } from 'react-i18next'
import type { SlaPolicyResponse } from '../../../../shared/ipc/types-sla'

export function VersionHistory({ policy }: { policy: SlaPolicyResponse }) {
  const { t, i18n } = useTranslation()
  const fmt = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: policy.timeZone,
  })
  return (
    <div className="sla-block">
      <h3>{t('slaSettings.history.title')}</h3>
      <div className="sla-table-scroll">
        <table className="sla-table" data-testid="sla-history">
          <thead>
            <tr>
              <th>{t('slaSettings.history.version')}</th>
              <th>{t('slaSettings.history.effective')}</th>
              <th>{t('slaSettings.history.calendar')}</th>
              <th>{t('slaSettings.history.targets')}</th>
              <th>{t('slaSettings.history.overrides')}</th>
              <th>{t('slaSettings.history.savedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {policy.versions.map((v) => (
              <tr
                key={v.version}
                className={v.version === policy.current.version ? 'sla-row-current' : undefined}
              >
                <td>{v.version === 0 ? `0 (${t('slaSettings.builtIn')})` : v.version}</td>
                <td>{v.effectiveFrom ?? '—'}</td>
                <td className="wrap">{t(`slaSettings.policy.calendars.${v.calendar}`)}</td>
                <td className="num">
                  {[v.targets.P1, v.targets.P2, v.targets.P3, v.targets.P4].join(' / ')}
                </td>
                <td className="num">{v.overrides.length}</td>
                <td>{v.createdAt ? fmt.format(new Date(v.createdAt)) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

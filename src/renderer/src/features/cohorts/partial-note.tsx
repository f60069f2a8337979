import { useTranslation } from 'react-i18next'
import type { CohortMeta } from '../../../../shared/ipc/types-cohorts'
import { formatDateTime } from '../../i18n/format'

/** "As of …" and, when the as-of month is still running, the partial-month footnote. */
export function PartialNote({ meta }: { meta: CohortMeta }) {
  const { t, i18n } = useTranslation()
  return (
    <p className="cohort-meta">
      {t('cohorts.asOf', { time: formatDateTime(meta.as_of, meta.time_zone, i18n.language) })}
      {meta.partial_month && (
        <>
          {' · '}
          <span data-testid="partial-note">{t('cohorts.partialNote', { month: meta.partial_month })}</span>
        </>
      )}
    </p>
  )
}

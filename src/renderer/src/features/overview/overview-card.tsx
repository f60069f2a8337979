import { useTranslation } from 'react-i18next'
import type { OverviewCard as OverviewCardData } from '../../../../shared/ipc/types'
import { Card } from '../../components/card'
import { formatChange, formatCount, formatHours } from '../../i18n/format'

/** One SPEC §4 card; label and unit come from i18n by card key, not from the server's Korean label. */
export function OverviewCard({ card }: { card: OverviewCardData }) {
  const { t, i18n } = useTranslation()
  const isHours = card.key === 'mttr'
  const value =
    card.value === null
      ? '—'
      : isHours
        ? formatHours(card.value, i18n.language)
        : formatCount(card.value, i18n.language)
  return (
    <Card testId={`card-${card.key}`} label={t(`cards.${card.key}`)} color={card.color}>
      <p className="card-figure">
        <span className="card-value" data-testid="card-value">
          {value}
        </span>
        {card.value !== null && (
          <span className="card-unit">{t(isHours ? 'units.hours' : 'units.count')}</span>
        )}
      </p>
      {card.value === null && isHours && <span className="card-change">{t('overview.noResolved')}</span>}
      {card.change !== undefined && <Change value={card.change} />}
    </Card>
  )
}

function Change({ value }: { value: number }) {
  const { t, i18n } = useTranslation()
  const direction = value > 0 ? 'up' : value < 0 ? 'down' : 'same'
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '–'
  return (
    <span className="card-change" data-testid="card-change" data-direction={direction}>
      <span aria-hidden="true">{arrow} </span>
      <span className="visually-hidden">{t(`change.${direction}`)} </span>
      {formatChange(value, i18n.language)} {t('change.vsPrevMonth')}
    </span>
  )
}

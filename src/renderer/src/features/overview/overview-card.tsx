import { useTranslation } from 'react-i18next'
import type { OverviewCardKey, OverviewCard as OverviewCardData } from '../../../../shared/ipc/types'
import { Card } from '../../components/card'
import { formatChange, formatCount, formatHours } from '../../i18n/format'

/** One SPEC §4 card; label and unit come from i18n by card key, not from the server's Korean label. */
export function OverviewCard({
  card,
  onPick,
}: {
  card: OverviewCardData
  /** When given, the figure is a button listing the SRs behind it. */
  onPick?: (key: OverviewCardKey) => void
}) {
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
        {onPick ? (
          <button
            type="button"
            className="card-value card-value-button"
            data-testid="card-value"
            aria-label={t('overviewBi.cardHint', { label: `${t(`cards.${card.key}`)} ${value}` })}
            onClick={() => onPick(card.key)}
          >
            {value}
          </button>
        ) : (
          <span className="card-value" data-testid="card-value">
            {value}
          </span>
        )}
        {card.value !== null && (
          <span className="card-unit">
            {isHours ? t('units.hours') : t('units.count', { count: card.value })}
          </span>
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

import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../i18n/format'

type WatermarkProps = { updatedAt: string | null | undefined; timeZone: string }

/** "데이터 기준: <local time>": when the data was last synced (SPEC §4), not the clock. */
export function Watermark({ updatedAt, timeZone }: WatermarkProps) {
  const { t, i18n } = useTranslation()
  if (updatedAt === undefined) return null
  return (
    <span className="watermark" data-testid="watermark">
      {updatedAt === null
        ? t('header.noData')
        : t('header.watermark', { time: formatDateTime(updatedAt, timeZone, i18n.language) })}
    </span>
  )
}

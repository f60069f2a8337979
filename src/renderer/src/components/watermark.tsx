import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../i18n/format'

type WatermarkProps = {
  updatedAt: string | null | undefined
  timeZone: string
  /** Connections whose latest sync failed: the data of those is older than the watermark says. */
  failing?: readonly string[]
  /** Opens the Sync screen, where each connection's error and its cause are shown. */
  onShowSync?: () => void
}

/**
 * "데이터 기준: <local time>": when the data was last synced (SPEC §4), not the clock. The watermark is
 * the last success of any connection, so a connection failing meanwhile is said next to it.
 */
export function Watermark({ updatedAt, timeZone, failing = [], onShowSync }: WatermarkProps) {
  const { t, i18n } = useTranslation()
  if (updatedAt === undefined) return null
  const text =
    updatedAt === null
      ? t('header.noData')
      : t('header.watermark', { time: formatDateTime(updatedAt, timeZone, i18n.language) })
  return (
    <>
      <span className="watermark" data-testid="watermark" title={text}>
        {text}
      </span>
      {failing.length > 0 && (
        <button
          type="button"
          className="watermark-failing"
          data-testid="watermark-failing"
          title={t('header.syncFailingNames', { names: failing.join(', ') })}
          onClick={onShowSync}
        >
          {t('header.syncFailing', { count: failing.length })}
        </button>
      )}
    </>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaCertificateView } from '../../../../shared/ipc/types-sync'

const DAY = 86_400_000
/** A trusted certificate this close to its end is shown as a warning: sync stops the day it expires. */
const EXPIRY_WARNING_DAYS = 30

/** The CA certificates a connection trusts: subject, last day (UTC) and a fingerprint prefix. */
export function CaCertificateList({ certificates }: { certificates: CaCertificateView[] }) {
  const { t } = useTranslation()
  // Days are counted from when the list is shown; a day's drift in an open window does not matter.
  const [now] = useState(() => Date.now())
  return (
    <ul className="ca-list" data-testid="connection-ca">
      {certificates.map((c) => {
        const daysLeft = Math.floor((c.validTo - now) / DAY)
        const state = daysLeft < 0 ? 'expired' : daysLeft < EXPIRY_WARNING_DAYS ? 'soon' : 'ok'
        return (
          <li key={c.fingerprint} className={`ca-item ca-${state}`} title={`SHA-256 ${c.fingerprint}`}>
            <span className="ca-subject">{c.subject}</span>{' '}
            <span className="sync-muted">
              {t('connections.caUntil', { day: new Date(c.validTo).toISOString().slice(0, 10) })}
              {state === 'expired' && ` · ${t('connections.caExpired')}`}
              {state === 'soon' && ` · ${t('connections.caSoon', { count: daysLeft })}`}
              {!c.isAuthority && ` · ${t('connections.caServer')}`}
            </span>
          </li>
        )
      })}
    </ul>
  )
}

/**
 * Reads a picked CA file for `caCertificate`: a PEM file's text, or a binary (DER) file's bytes in
 * base64. The core checks it (and refuses a key) when the connection is saved.
 */
export async function readCaFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  const text = new TextDecoder('latin1').decode(bytes)
  if (text.includes('-----BEGIN')) return text
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

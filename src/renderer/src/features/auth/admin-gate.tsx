import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../components/error-banner'
import { call } from '../../lib/api'
import { useAuth } from './use-auth'
import './auth.css'

const MIN_LENGTH = 8

/** Shows the admin sections to admins; operators get the unlock panel (or first-time passphrase set-up). */
export function AdminGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const auth = useAuth()
  const status = auth.status
  if (!status) return auth.error ? <ErrorBanner message={auth.error.message} onRetry={auth.reload} /> : null
  if (status.role === 'admin') {
    const granted =
      status.grantedBy === 'itsm'
        ? t('auth.grantedItsm', { name: status.itsmAccount?.name ?? '' })
        : status.grantedBy === 'passphrase'
          ? t('auth.grantedPassphrase')
          : t('auth.grantedFixed')
    return (
      <>
        <div className="admin-status" data-testid="admin-status">
          <span>{granted}</span>
          {status.grantedBy !== 'itsm' && (
            <button
              type="button"
              className="btn"
              data-testid="admin-lock"
              onClick={() => void call('auth:lock', {}).then(auth.adopt)}
            >
              {t('auth.lock')}
            </button>
          )}
        </div>
        {children}
      </>
    )
  }
  if (status.roleFromItsm && status.itsmAccount) {
    const { name, source, role } = status.itsmAccount
    return (
      <section className="settings-section unlock-panel" data-testid="itsm-role-panel">
        <h2>{t('auth.itsmRuledTitle')}</h2>
        <p>{t('auth.itsmRuledBody', { name, source, role: role ?? '' })}</p>
      </section>
    )
  }
  return <UnlockPanel firstTime={!status.passphraseSet} onDone={auth.adopt} />
}

function UnlockPanel({
  firstTime,
  onDone,
}: {
  firstTime: boolean
  onDone: (s: NonNullable<ReturnType<typeof useAuth>['status']>) => void
}) {
  const { t } = useTranslation()
  const [passphrase, setPassphrase] = useState('')
  const [confirm, setConfirm] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  // The core words its refusals in English; the common ones are shown in the UI language.
  const localise = (message: string): string => {
    const pause = /try again in (\d+) seconds/i.exec(message)
    if (pause) return t('auth.paused', { count: Number(pause[1]) })
    const left = /^Wrong passphrase \((\d+) more/.exec(message)
    if (left) return t('auth.wrong', { count: Number(left[1]) })
    return message
  }

  async function submit(): Promise<void> {
    setError(null)
    if (firstTime) {
      if ([...passphrase].length < MIN_LENGTH) return setError(t('auth.tooShort'))
      if (passphrase !== confirm) return setError(t('auth.mismatch'))
    }
    setBusy(true)
    try {
      onDone(
        firstTime
          ? await call('auth:set-passphrase', { passphrase })
          : await call('auth:unlock', { passphrase }),
      )
    } catch (err) {
      setError(localise(err instanceof Error ? err.message : String(err)))
    } finally {
      setBusy(false)
      setPassphrase('')
      setConfirm('')
    }
  }

  return (
    <form
      className="settings-section unlock-panel"
      data-testid="unlock-panel"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h2>{firstTime ? t('auth.setTitle') : t('auth.lockedTitle')}</h2>
      <p>{firstTime ? t('auth.setBody') : t('auth.lockedBody')}</p>
      {error && (
        <p className="field-error" role="alert" data-testid="unlock-error">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor="admin-passphrase">{t('auth.passphrase')}</label>
        <div className="field-control">
          <input
            id="admin-passphrase"
            type="password"
            autoComplete={firstTime ? 'new-password' : 'current-password'}
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            data-testid="unlock-passphrase"
          />
        </div>
      </div>
      {firstTime && (
        <div className="field">
          <label htmlFor="admin-passphrase-confirm">{t('auth.confirm')}</label>
          <div className="field-control">
            <input
              id="admin-passphrase-confirm"
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              data-testid="unlock-confirm"
            />
          </div>
        </div>
      )}
      <div className="settings-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || passphrase === ''}
          data-testid="unlock-submit"
        >
          {firstTime ? t('auth.setAndUnlock') : t('auth.unlock')}
        </button>
      </div>
    </form>
  )
}

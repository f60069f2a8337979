import { codeMapText } from '../../../../shared/servicenow-code-map'
import { RESUME_MARGIN_SECONDS } from '../../../../shared/servicenow-margin'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SourceTestResult, SourceView, SyncErrorCause } from '../../../../shared/ipc/types-sync'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { ErrorBanner } from '../../components/error-banner'
import { call } from '../../lib/api'
import { errorText } from '../../lib/api-error-text'
import { useApiEvent } from '../../lib/use-api-event'
import { useApiQuery } from '../../lib/use-api-query'
import { formatSeconds } from '../../i18n/format'
import { entityNames, syncErrorText } from '../sync/sync-error-text'
import { CaCertificateList } from './ca-certificates'
import { SourceForm } from './source-form'
import { CODE_MAP_FIELDS, CODE_MAP_SLUGS } from './validate'
import './connections.css'

/**
 * The advice under a failed connection test: the sync's for its cause, except where the sync's says
 * it retries by itself (offline, rate-limited), which a test does not.
 */
function testAdvice(cause: SyncErrorCause): string {
  return cause === 'offline' || cause === 'rate_limited'
    ? `connections.testAdvice.${cause}`
    : `sync.advice.${cause}`
}

/** Settings → Connections (SPEC §9): add, edit, remove and test ITSM REST and ServiceNow sources. */
export function ConnectionsSection() {
  const { t, i18n } = useTranslation()
  // A secret the app cannot read now: why, when it is a damaged secrets file (and where its copy is kept).
  const unreadableText = (s: SourceView): string =>
    s.secretDamagedFile
      ? t('connections.unreadableDamaged', { file: s.secretDamagedFile })
      : t('connections.unreadable')
  const lang = i18n.language
  const sources = useApiQuery(() => call('sources:list', {}), 'connections')
  const [editing, setEditing] = useState<SourceView | 'new' | null>(null)
  const [tests, setTests] = useState<Record<string, SourceTestResult | 'running'>>({})
  const [error, setError] = useState<string | null>(null)
  useApiEvent('data:changed', () => sources.reload())
  // When the form closes (saved or cancelled) the focus was in it: it goes back to "Add connection"
  // rather than to the page's start, so a keyboard user keeps their place.
  const addButton = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)
  useEffect(() => {
    if (wasEditing.current && editing === null) addButton.current?.focus()
    wasEditing.current = editing !== null
  }, [editing])

  // Removing asks first, in the app's own dialog. On Cancel or Escape the focus goes back to the
  // connection's Remove button; once removed, its buttons are gone with it and the focus goes to
  // "Add connection" (both only after the modal dialog is gone: the page behind it is inert).
  const [confirming, setConfirming] = useState<SourceView | null>(null)
  const removeButtons = useRef(new Map<string, HTMLButtonElement>())
  const focusAfterDialog = useRef<string | null>(null)
  useEffect(() => {
    if (confirming !== null || focusAfterDialog.current === null) return
    removeButtons.current.get(focusAfterDialog.current)?.focus()
    focusAfterDialog.current = null
  }, [confirming])
  const closeConfirm = (source: SourceView): void => {
    focusAfterDialog.current = source.name
    setConfirming(null)
  }
  async function remove(source: SourceView): Promise<void> {
    closeConfirm(source)
    setError(null)
    try {
      await call('sources:remove', { name: source.name })
      forgetTest(source.name)
      sources.reload()
      focusAfterDialog.current = null
      addButton.current?.focus()
    } catch (err) {
      // A refusal while a sync pulls the connection is worded from its reason like any other.
      setError(errorText(err, t, lang))
    }
  }
  const forgetTest = (name: string): void =>
    setTests((x) => {
      if (!(name in x)) return x
      const next = { ...x }
      delete next[name]
      return next
    })
  async function test(source: SourceView): Promise<void> {
    if (tests[source.name] === 'running') return
    setTests((x) => ({ ...x, [source.name]: 'running' }))
    setError(null)
    try {
      const result = await call('sources:test', { name: source.name })
      setTests((x) => ({ ...x, [source.name]: result }))
    } catch (err) {
      forgetTest(source.name)
      setError(errorText(err, t, lang))
    }
  }

  return (
    <section className="connections" data-testid="admin-connections" aria-labelledby="connections-title">
      <h3 id="connections-title">{t('connections.title')}</h3>
      <p className="field-note">{t('connections.intro')}</p>
      {error ? (
        <ErrorBanner title={t('connections.actionFailed')} message={error} />
      ) : (
        sources.error && <ErrorBanner message={errorText(sources.error, t, lang)} />
      )}
      <ul className="connection-list">
        {(sources.data ?? []).map((s) => {
          const result = tests[s.name]
          return (
            <li key={s.name} className="connection-item" data-testid={`connection-${s.name}`}>
              <div className="connection-head">
                <strong>{s.name}</strong>
                <span className="sync-muted">
                  {s.kind === 'itsm' ? 'ITSM REST' : `ServiceNow · ${s.table ?? ''}`}
                </span>
              </div>
              <div className="connection-url">{s.url}</div>
              <div className="sync-muted" data-testid="connection-secret">
                {t('connections.secret')}:{' '}
                {s.secret === 'stored' ? (
                  t('connections.stored')
                ) : s.secret === 'env' ? (
                  t('connections.env', { name: s.secretEnv ?? '' })
                ) : s.secret === 'unreadable' ? (
                  <span className="connection-warn">{unreadableText(s)}</span>
                ) : (
                  t('connections.missing')
                )}
                {s.user && ` · ${t('connections.user')} ${s.user}`}
              </div>
              {s.proxy && (
                <div className="sync-muted" data-testid="connection-proxy">
                  {t('connections.proxy')}: {s.proxy}
                  {s.proxyUser && ` · ${t('connections.proxyLogin', { user: s.proxyUser })}`}
                  {(s.proxySecret === 'missing' || s.proxySecret === 'unreadable') && (
                    <span className="connection-warn">
                      {' '}
                      · {t('connections.proxyPassword')}:{' '}
                      {s.proxySecret === 'missing' ? t('connections.missing') : unreadableText(s)}
                    </span>
                  )}
                </div>
              )}
              {CODE_MAP_FIELDS.map((key) => {
                const map = s[key]
                return (
                  map && (
                    <div key={key} className="sync-muted" data-testid={`connection-${CODE_MAP_SLUGS[key]}`}>
                      {t(`connections.${key}Shown`, { codes: codeMapText(map).replaceAll(',', ', ') })}
                    </div>
                  )
                )
              })}
              {s.resumeMarginSeconds !== null && s.resumeMarginSeconds !== RESUME_MARGIN_SECONDS.default && (
                <div className="sync-muted" data-testid="connection-margin">
                  {t('connections.marginShown', {
                    duration: formatSeconds(s.resumeMarginSeconds, i18n.language),
                  })}
                </div>
              )}
              {s.skip && s.skip.length > 0 && (
                <div className="sync-muted" data-testid="connection-not-read">
                  {t('connections.collectionsShown', { names: entityNames(t, s.skip.join(',')) })}
                </div>
              )}
              {s.caCertificates.length > 0 && (
                <div className="connection-ca">
                  <span className="sync-muted">{t('connections.ca')}:</span>
                  <CaCertificateList certificates={s.caCertificates} />
                </div>
              )}
              {/* The test's outcome is said from a region that is there before it (empty, it takes no place). */}
              <div role="status" className="connection-test-status" data-testid="connection-test-status">
                {result && result !== 'running' && (
                  <p
                    className={result.ok ? 'connection-ok' : 'connection-fail'}
                    data-testid="connection-test-result"
                  >
                    {result.ok && result.account ? (
                      t('connections.testOk', {
                        // A ServiceNow token whose account may not read sys_user names no one.
                        name: result.account.name ?? t('connections.testUnnamed'),
                        role: result.account.role
                          ? t('connections.testRole', { role: result.account.role })
                          : '',
                      })
                    ) : result.error ? (
                      <>
                        <strong>{t(`sync.causes.${result.error.cause}`)}</strong>
                        {' — '}
                        {t(testAdvice(result.error.cause))}
                        <span className="connection-fail-detail">
                          {syncErrorText(t, result.error.reason, result.error.message, i18n.language)}
                        </span>
                      </>
                    ) : null}
                  </p>
                )}
              </div>
              <div className="connection-actions">
                {/* Waits while testing without leaving the tab order (a disabled button drops the focus). */}
                <button
                  type="button"
                  className="btn"
                  aria-disabled={result === 'running'}
                  onClick={() => void test(s)}
                  aria-label={t('connections.testOf', { name: s.name })}
                  data-testid="connection-test"
                >
                  {result === 'running' ? t('connections.testing') : t('connections.test')}
                </button>
                <button
                  type="button"
                  className="btn"
                  onClick={() => setEditing(s)}
                  aria-label={t('connections.editOf', { name: s.name })}
                >
                  {t('connections.edit')}
                </button>
                <button
                  type="button"
                  className="btn"
                  ref={(el) => {
                    if (el) removeButtons.current.set(s.name, el)
                    else removeButtons.current.delete(s.name)
                  }}
                  onClick={() => setConfirming(s)}
                  aria-label={t('connections.removeOf', { name: s.name })}
                >
                  {t('connections.remove')}
                </button>
              </div>
            </li>
          )
        })}
        {sources.settled && (sources.data ?? []).length === 0 && (
          <li className="sync-muted">{t('connections.empty')}</li>
        )}
      </ul>
      {confirming && (
        <ConfirmDialog
          title={t('connections.removeTitle')}
          message={t('connections.removeConfirm', { name: confirming.name })}
          confirmLabel={t('connections.remove')}
          cancelLabel={t('connections.cancel')}
          onConfirm={() => void remove(confirming)}
          onCancel={() => closeConfirm(confirming)}
          testId="connection-remove-confirm"
        />
      )}
      {editing ? (
        <SourceForm
          key={editing === 'new' ? 'new' : editing.name}
          editing={editing === 'new' ? null : editing}
          onSaved={(view) => {
            setEditing(null)
            // A test result said something of the connection as it was: not of the edited one.
            forgetTest(view.name)
            sources.reload()
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button
          type="button"
          ref={addButton}
          className="btn btn-primary"
          onClick={() => setEditing('new')}
          data-testid="connection-add"
        >
          {t('connections.add')}
        </button>
      )}
    </section>
  )
}

import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SourceKind, SourceView } from '../../../../shared/ipc/types-sync'
import { ErrorBanner } from '../../components/error-banner'
import { ApiClientError, call } from '../../lib/api'
import { CaCertificateList, readCaFile } from './ca-certificates'
import { parseStateMapText, stateMapText } from '../../../../shared/servicenow-state-map'
import {
  checkConnectionDraft,
  CONNECTION_FIELDS,
  type ConnectionField,
  type ConnectionProblem,
} from './validate'

/** Largest CA file taken (the core's limit too): an internal root and a few intermediates are a few KiB. */
const MAX_CA_FILE_BYTES = 64 * 1024

type SourceFormProps = {
  /** The source being edited, or null to add one. */
  editing: SourceView | null
  onSaved: (view: SourceView) => void
  onCancel: () => void
}

/**
 * Adds or edits a source. Secrets are write-only password fields: an edit shows "stored" as the
 * placeholder, never the value, and leaves the stored secret alone unless a new one is typed.
 */
export function SourceForm({ editing, onSaved, onCancel }: SourceFormProps) {
  const { t } = useTranslation()
  const [kind, setKind] = useState<SourceKind>(editing?.kind ?? 'itsm')
  const [name, setName] = useState(editing?.name ?? '')
  const [url, setUrl] = useState(editing?.url ?? '')
  const [table, setTable] = useState(editing?.table ?? 'incident')
  const [basic, setBasic] = useState(editing ? editing.user !== null : true)
  const [user, setUser] = useState(editing?.user ?? '')
  const [secret, setSecret] = useState('')
  /** A CA file picked to replace the connection's (read, checked by the core on save). */
  const [caFile, setCaFile] = useState<{ name: string; content: string } | null>(null)
  const [caRemoved, setCaRemoved] = useState(false)
  const [proxy, setProxy] = useState(editing?.proxy ?? '')
  const [proxyUser, setProxyUser] = useState(editing?.proxyUser ?? '')
  const [proxyPassword, setProxyPassword] = useState('')
  /** ServiceNow: the instance's own state codes as `4=PENDING, -5=OPEN` (empty: built-in codes only). */
  const [stateCodes, setStateCodes] = useState(editing?.stateMap ? stateMapText(editing.stateMap) : '')
  const [stateCodesError, setStateCodesError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [problems, setProblems] = useState<Partial<Record<ConnectionField, ConnectionProblem>>>({})
  const formRef = useRef<HTMLFormElement>(null)
  const secretKind = kind === 'servicenow' && basic ? 'password' : 'token'
  // A ServiceNow connection switched between user/password and token needs the other secret: the
  // stored one is of the other kind.
  const authChanged = editing !== null && kind === 'servicenow' && basic !== (editing.user !== null)
  const stored = editing?.secret === 'stored' && !authChanged
  // The same proxy user keeps its password: stored here, or the variable of a CLI-added source.
  const sameProxyUser = editing !== null && proxyUser.trim() === editing.proxyUser
  const proxyStored = sameProxyUser && editing.proxySecret === 'stored'
  const proxyKept = proxyStored || (sameProxyUser && editing.proxySecret === 'env')

  /** A field's error (said under it) or its hint. */
  const problemOf = (field: ConnectionField): string | undefined => {
    const problem = problems[field]
    return problem ? t(`connections.invalid.${problem}`) : undefined
  }
  const edited = (field: ConnectionField): void =>
    setProblems((p) => {
      if (!p[field]) return p
      const next = { ...p }
      delete next[field]
      return next
    })
  // The edit form opens below the list: it takes the focus, so a keyboard user is in it.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select')?.focus()
  }, [])

  async function save(): Promise<void> {
    // Checked here first, so each mistake shows under the field it is in, in the UI's language.
    const found = checkConnectionDraft({
      kind,
      name: editing ? null : name,
      url,
      table,
      basic,
      user,
      secret,
      proxy,
      proxyUser,
    })
    setProblems(found)
    const first = CONNECTION_FIELDS.find((f) => found[f])
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus()
      return
    }
    const codes = stateCodes.trim()
    const parsedCodes = kind === 'servicenow' && codes !== '' ? parseStateMapText(codes) : null
    if (parsedCodes && !parsedCodes.ok) {
      setStateCodesError(t('connections.stateMapInvalid', { detail: parsedCodes.error }))
      return
    }
    setStateCodesError(null)
    const stateMap = parsedCodes?.ok ? parsedCodes.map : null
    setSaving(true)
    setError(null)
    try {
      const secretField = secret ? { [secretKind]: secret } : {}
      const proxyUrl = proxy.trim()
      const login = proxyUrl ? proxyUser.trim() : ''
      const proxyPasswordField = login && proxyPassword ? { proxyPassword } : {}
      const caField = {
        ...(caFile ? { caCertificate: caFile.content } : {}),
        ...(proxyUrl ? { proxy: proxyUrl } : {}),
        ...(login ? { proxyUser: login } : {}),
        ...proxyPasswordField,
      }
      const view = editing
        ? await call('sources:update', {
            name: editing.name,
            url,
            ...(kind === 'servicenow' ? { table, user: basic ? user : null, stateMap } : {}),
            ...secretField,
            ...(caFile ? { caCertificate: caFile.content } : caRemoved ? { caCertificate: null } : {}),
            proxy: proxyUrl || null,
            ...(proxyUrl ? { proxyUser: login || null } : {}),
            ...proxyPasswordField,
          })
        : kind === 'itsm'
          ? await call('sources:add', { kind, name, url, token: secret, ...caField })
          : await call('sources:add', {
              kind,
              name,
              url,
              table,
              ...(basic ? { user, password: secret } : { token: secret }),
              ...(stateMap ? { stateMap } : {}),
              ...caField,
            })
      setSecret('')
      setProxyPassword('')
      onSaved(view)
    } catch (err) {
      // CONFLICT: a new connection's name is taken; an edit of the connection a sync is pulling now.
      setError(
        err instanceof ApiClientError && err.code === 'CONFLICT'
          ? editing
            ? t('connections.moveWhileSyncing', { name: editing.name })
            : t('connections.nameTaken', { name })
          : err instanceof Error
            ? err.message
            : String(err),
      )
    } finally {
      setSaving(false)
    }
  }

  return (
    <form
      ref={formRef}
      className="connection-form"
      data-testid="connection-form"
      aria-labelledby="conn-form-title"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h4 id="conn-form-title" className="connection-form-title">
        {editing ? t('connections.editTitle', { name: editing.name }) : t('connections.addTitle')}
      </h4>
      {error && <ErrorBanner title={t('connections.saveFailed')} message={error} />}
      {!editing && (
        <>
          <Field id="conn-kind" label={t('connections.kind')}>
            <select
              id="conn-kind"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value === 'servicenow' ? 'servicenow' : 'itsm')}
            >
              <option value="itsm">ITSM REST</option>
              <option value="servicenow">ServiceNow</option>
            </select>
          </Field>
          <Field
            id="conn-name"
            label={t('connections.name')}
            note={problemOf('name') ?? t('connections.nameHint')}
            invalid={problems.name !== undefined}
          >
            <input
              id="conn-name"
              data-field="name"
              value={name}
              required
              aria-invalid={problems.name !== undefined || undefined}
              onChange={(e) => {
                setName(e.currentTarget.value)
                edited('name')
              }}
              autoComplete="off"
            />
          </Field>
        </>
      )}
      <Field
        id="conn-url"
        label={t('connections.url')}
        note={problemOf('url')}
        invalid={problems.url !== undefined}
      >
        <input
          id="conn-url"
          data-field="url"
          type="url"
          value={url}
          required
          placeholder="https://itsm.example.go.kr"
          aria-invalid={problems.url !== undefined || undefined}
          onChange={(e) => {
            setUrl(e.currentTarget.value)
            edited('url')
          }}
        />
      </Field>
      {kind === 'servicenow' && (
        <>
          <Field
            id="conn-table"
            label={t('connections.table')}
            note={problemOf('table')}
            invalid={problems.table !== undefined}
          >
            <input
              id="conn-table"
              data-field="table"
              value={table}
              required
              aria-invalid={problems.table !== undefined || undefined}
              onChange={(e) => {
                setTable(e.currentTarget.value)
                edited('table')
              }}
            />
          </Field>
          <Field id="conn-auth" label={t('connections.authMode')}>
            <select
              id="conn-auth"
              value={basic ? 'basic' : 'bearer'}
              onChange={(e) => setBasic(e.currentTarget.value === 'basic')}
            >
              <option value="basic">{t('connections.basic')}</option>
              <option value="bearer">{t('connections.bearer')}</option>
            </select>
          </Field>
          {basic && (
            <Field
              id="conn-user"
              label={t('connections.user')}
              note={problemOf('user')}
              invalid={problems.user !== undefined}
            >
              <input
                id="conn-user"
                data-field="user"
                value={user}
                required
                aria-invalid={problems.user !== undefined || undefined}
                onChange={(e) => {
                  setUser(e.currentTarget.value)
                  edited('user')
                }}
                autoComplete="off"
              />
            </Field>
          )}
        </>
      )}
      <Field
        id="conn-secret"
        label={t(`connections.${secretKind}`)}
        note={
          problemOf('secret') ??
          (stored
            ? t('connections.storedHint')
            : authChanged
              ? t('connections.authChangedHint')
              : editing?.secret === 'unreadable'
                ? t('connections.unreadable')
                : undefined)
        }
        invalid={problems.secret !== undefined}
      >
        <input
          id="conn-secret"
          data-field="secret"
          type="password"
          value={secret}
          required={!editing || editing.secret === 'unreadable' || authChanged}
          autoComplete="new-password"
          placeholder={stored ? `•••••• (${t('connections.stored')})` : ''}
          aria-invalid={problems.secret !== undefined || undefined}
          onChange={(e) => {
            setSecret(e.currentTarget.value)
            edited('secret')
          }}
          data-testid="conn-secret"
        />
      </Field>
      {kind === 'servicenow' && (
        <Field
          id="conn-state-map"
          label={t('connections.stateMap')}
          note={stateCodesError ?? t('connections.stateMapHint')}
          invalid={stateCodesError !== null}
        >
          <input
            id="conn-state-map"
            value={stateCodes}
            placeholder="4=PENDING, -5=OPEN"
            aria-invalid={stateCodesError !== null || undefined}
            onChange={(e) => {
              setStateCodes(e.currentTarget.value)
              setStateCodesError(null)
            }}
            autoComplete="off"
            data-testid="conn-state-map"
          />
        </Field>
      )}
      <Field
        id="conn-proxy"
        label={t('connections.proxy')}
        note={problemOf('proxy') ?? t('connections.proxyHint')}
        invalid={problems.proxy !== undefined}
      >
        <input
          id="conn-proxy"
          data-field="proxy"
          type="url"
          value={proxy}
          placeholder="http://proxy.example.go.kr:8080"
          aria-invalid={problems.proxy !== undefined || undefined}
          onChange={(e) => {
            setProxy(e.currentTarget.value)
            edited('proxy')
          }}
          autoComplete="off"
          data-testid="conn-proxy"
        />
      </Field>
      {proxy.trim() !== '' && (
        <>
          <Field
            id="conn-proxy-user"
            label={t('connections.proxyUser')}
            note={problemOf('proxyUser') ?? t('connections.proxyUserHint')}
            invalid={problems.proxyUser !== undefined}
          >
            <input
              id="conn-proxy-user"
              data-field="proxyUser"
              value={proxyUser}
              aria-invalid={problems.proxyUser !== undefined || undefined}
              onChange={(e) => {
                setProxyUser(e.currentTarget.value)
                edited('proxyUser')
              }}
              autoComplete="off"
              data-testid="conn-proxy-user"
            />
          </Field>
          {proxyUser.trim() !== '' && (
            <Field
              id="conn-proxy-password"
              label={t('connections.proxyPassword')}
              note={proxyStored ? t('connections.storedHint') : undefined}
            >
              <input
                id="conn-proxy-password"
                type="password"
                value={proxyPassword}
                required={!proxyKept}
                autoComplete="new-password"
                placeholder={proxyStored ? `•••••• (${t('connections.stored')})` : ''}
                onChange={(e) => setProxyPassword(e.currentTarget.value)}
                data-testid="conn-proxy-password"
              />
            </Field>
          )}
        </>
      )}
      <Field id="conn-ca" label={t('connections.ca')} note={t('connections.caHint')}>
        {caFile ? (
          <div className="ca-pending" data-testid="conn-ca-pending">
            {t('connections.caPicked', { name: caFile.name })}{' '}
            <button type="button" className="btn btn-small" onClick={() => setCaFile(null)}>
              {t('connections.caUndo')}
            </button>
          </div>
        ) : editing && editing.caCertificates.length > 0 && !caRemoved ? (
          <div className="ca-current">
            <CaCertificateList certificates={editing.caCertificates} />
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setCaRemoved(true)}
              data-testid="conn-ca-remove"
            >
              {t('connections.caRemove')}
            </button>
          </div>
        ) : caRemoved ? (
          <div className="ca-pending">
            {t('connections.caWillRemove')}{' '}
            <button type="button" className="btn btn-small" onClick={() => setCaRemoved(false)}>
              {t('connections.caUndo')}
            </button>
          </div>
        ) : null}
        <label className="btn btn-small file-pick">
          {t(
            caFile || (editing && editing.caCertificates.length > 0 && !caRemoved)
              ? 'connections.caReplace'
              : 'connections.caChoose',
          )}
          <input
            id="conn-ca"
            type="file"
            accept=".pem,.crt,.cer,.der,.cert"
            data-testid="conn-ca-file"
            onChange={(e) => {
              const input = e.currentTarget
              const file = input.files?.[0]
              input.value = ''
              if (!file) return
              if (file.size > MAX_CA_FILE_BYTES) {
                setError(t('connections.caTooLarge', { name: file.name }))
                return
              }
              void readCaFile(file).then(
                (content) => {
                  setError(null)
                  setCaFile({ name: file.name, content })
                },
                (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
              )
            }}
          />
        </label>
      </Field>
      <div className="settings-actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="conn-save">
          {saving ? t('connections.saving') : t('connections.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('connections.cancel')}
        </button>
      </div>
    </form>
  )
}

function Field({
  id,
  label,
  note,
  invalid = false,
  children,
}: {
  id: string
  label: string
  note?: string | undefined
  /** The note is the field's error: shown as one, and announced. */
  invalid?: boolean
  children: React.ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-control">
        {children}
        {note && (
          <span className={invalid ? 'field-error' : 'field-note'} {...(invalid ? { role: 'alert' } : {})}>
            {note}
          </span>
        )}
      </div>
    </div>
  )
}

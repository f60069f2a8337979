import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SourceKind, SourceView } from '../../../../shared/ipc/types-sync'
import { ErrorBanner } from '../../components/error-banner'
import { ApiClientError, call } from '../../lib/api'
import { errorText } from '../../lib/api-error-text'
import { CaCertificateList, readCaFile } from './ca-certificates'
import { codeMapText } from '../../../../shared/servicenow-code-map'
import { RESUME_MARGIN_SECONDS } from '../../../../shared/servicenow-margin'
import { ITSM_OPTIONAL_COLLECTIONS, type ItsmOptionalCollection } from '../../../../shared/itsm-skip'
import {
  checkCodeMaps,
  checkConnectionDraft,
  CODE_MAP_FIELDS,
  CODE_MAP_SLUGS,
  CONNECTION_FIELDS,
  marginSeconds,
  storedAddress,
  type CodeMapField,
  type ConnectionField,
  type ConnectionProblem,
} from './validate'

/** Examples shown in the empty State codes and Priority codes fields. */
const CODE_MAP_PLACEHOLDERS: Record<CodeMapField, string> = {
  stateMap: '4=PENDING, -5=OPEN',
  priorityMap: '0=P1, 6=P4',
}

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
  const { t, i18n } = useTranslation()
  const [kind, setKind] = useState<SourceKind>(editing?.kind ?? 'itsm')
  const [name, setName] = useState(editing?.name ?? '')
  const [url, setUrl] = useState(editing?.url ?? '')
  const [table, setTable] = useState(editing?.table ?? 'incident')
  /** The table was typed: an address pasted later no longer sets it (the one typed is read). */
  const [tableTyped, setTableTyped] = useState(false)
  const [basic, setBasic] = useState(editing ? editing.user !== null : true)
  const [user, setUser] = useState(editing?.user ?? '')
  const [secret, setSecret] = useState('')
  /** A CA file picked to replace the connection's (read, checked by the core on save). */
  const [caFile, setCaFile] = useState<{ name: string; content: string } | null>(null)
  const [caRemoved, setCaRemoved] = useState(false)
  const [proxy, setProxy] = useState(editing?.proxy ?? '')
  const [proxyUser, setProxyUser] = useState(editing?.proxyUser ?? '')
  const [proxyPassword, setProxyPassword] = useState('')
  /**
   * ServiceNow: the instance's own state and priority codes as `4=PENDING, -5=OPEN` and `0=P1, 6=P4`
   * (empty: built-in codes only), and what is wrong with each, worded.
   */
  const [codeTexts, setCodeTexts] = useState<Record<CodeMapField, string>>(() => ({
    stateMap: editing?.stateMap ? codeMapText(editing.stateMap) : '',
    priorityMap: editing?.priorityMap ? codeMapText(editing.priorityMap) : '',
  }))
  const [codeErrors, setCodeErrors] = useState<Partial<Record<CodeMapField, string>>>({})
  /** ServiceNow: seconds each sync re-reads before its position, as typed ('' is the default minute). */
  const [margin, setMargin] = useState(
    editing?.resumeMarginSeconds != null && editing.resumeMarginSeconds !== RESUME_MARGIN_SECONDS.default
      ? String(editing.resumeMarginSeconds)
      : '',
  )
  /** ITSM REST: the collections unticked under "Collections read" (not asked for by its syncs). */
  const [skip, setSkip] = useState<readonly ItsmOptionalCollection[]>(editing?.skip ?? [])
  const [saving, setSaving] = useState(false)
  /** Set at once (state waits for a render): a second Enter while saving does not send it twice. */
  const savingNow = useRef(false)
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
  const secretNeeded = !editing || editing.secret === 'unreadable' || authChanged

  /**
   * A browser's address of a ServiceNow page, or one with its Table API path: the instance's address
   * saved instead, said under the URL.
   */
  const saved = storedAddress(kind, url)
  const urlHint = !saved
    ? undefined
    : saved.api
      ? saved.table === null
        ? t('connections.urlApiShortened', { url: saved.base })
        : t('connections.urlApiShortenedTable', { url: saved.base, table: saved.table })
      : saved.table === null
        ? t('connections.urlShortened', { url: saved.base })
        : saved.table === table
          ? t('connections.urlShortenedTable', { url: saved.base, table })
          : t('connections.urlShortenedOtherTable', { url: saved.base, table: saved.table, kept: table })
  /** The address typed; the table it names fills the Table field until one is typed there. */
  const typeUrl = (text: string): void => {
    setUrl(text)
    const shown = storedAddress(kind, text)?.table
    if (shown && !tableTyped) setTable(shown)
  }

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

  /** Says `found` under the fields and moves the focus to the first field at fault. */
  const showProblems = (found: Partial<Record<ConnectionField, ConnectionProblem>>): boolean => {
    setProblems(found)
    const first = CONNECTION_FIELDS.find((f) => found[f])
    if (first) formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus()
    return first !== undefined
  }

  async function save(): Promise<void> {
    if (savingNow.current) return
    // Checked here first (the browser's own checks are off: they speak the system's language in a
    // bubble that goes away), so each mistake shows under the field it is in, in the UI's language.
    const found = checkConnectionDraft({
      kind,
      name: editing ? null : name,
      url,
      table,
      basic,
      user,
      secret,
      secretNeeded,
      proxy,
      proxyUser,
      proxyPassword,
      proxyPasswordNeeded: !proxyKept,
      margin,
    })
    if (showProblems(found)) return
    const codes = checkCodeMaps(kind, codeTexts)
    if (!codes.ok) {
      const worded: Partial<Record<CodeMapField, string>> = {}
      for (const [field, { error, problem }] of Object.entries(codes.problems) as [
        CodeMapField,
        { error: string; problem: { code: string; params: object } },
      ][])
        worded[field] = t(`connections.${field}Invalid`, {
          detail: t(`connections.${field}Problems.${problem.code}`, {
            ...problem.params,
            defaultValue: error,
          }),
        })
      setCodeErrors(worded)
      const first = CODE_MAP_FIELDS.find((f) => worded[f])
      if (first) formRef.current?.querySelector<HTMLElement>(`#conn-${CODE_MAP_SLUGS[first]}`)?.focus()
      return
    }
    setCodeErrors({})
    const { stateMap, priorityMap } = codes.maps
    const resumeMarginSeconds = margin.trim() === '' ? null : marginSeconds(margin)
    savingNow.current = true
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
            ...(kind === 'servicenow'
              ? { table, user: basic ? user : null, stateMap, priorityMap, resumeMarginSeconds }
              : { skip: [...skip] }),
            ...secretField,
            ...(caFile ? { caCertificate: caFile.content } : caRemoved ? { caCertificate: null } : {}),
            proxy: proxyUrl || null,
            ...(proxyUrl ? { proxyUser: login || null } : {}),
            ...proxyPasswordField,
          })
        : kind === 'itsm'
          ? await call('sources:add', {
              kind,
              name,
              url,
              token: secret,
              ...(skip.length > 0 ? { skip: [...skip] } : {}),
              ...caField,
            })
          : await call('sources:add', {
              kind,
              name,
              url,
              table,
              ...(basic ? { user, password: secret } : { token: secret }),
              ...(stateMap ? { stateMap } : {}),
              ...(priorityMap ? { priorityMap } : {}),
              ...(resumeMarginSeconds !== null ? { resumeMarginSeconds } : {}),
              ...caField,
            })
      setSecret('')
      setProxyPassword('')
      onSaved(view)
    } catch (err) {
      // A taken name is said under the name; a refusal while a sync pulls the connection (and
      // anything else) above the form, worded from its reason.
      if (err instanceof ApiClientError && err.reason?.code === 'source_exists' && !editing)
        showProblems({ name: 'nameTaken' })
      else setError(errorText(err, t, i18n.language))
    } finally {
      savingNow.current = false
      setSaving(false)
    }
  }

  return (
    <form
      ref={formRef}
      className="connection-form"
      data-testid="connection-form"
      aria-labelledby="conn-form-title"
      aria-busy={saving}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
      // Escape leaves the form as Cancel does (not while it is being saved).
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented || savingNow.current) return
        e.preventDefault()
        onCancel()
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
          <CheckedInput
            id="conn-name"
            field="name"
            label={t('connections.name')}
            problem={problemOf('name')}
            hint={t('connections.nameHint')}
            value={name}
            onValue={setName}
            onEdit={edited}
            required
            autoComplete="off"
          />
        </>
      )}
      <CheckedInput
        id="conn-url"
        field="url"
        label={t('connections.url')}
        problem={problemOf('url')}
        hint={urlHint}
        value={url}
        onValue={typeUrl}
        onEdit={edited}
        type="url"
        required
        placeholder={kind === 'servicenow' ? 'https://example.service-now.com' : 'https://itsm.example.go.kr'}
      />
      {kind === 'servicenow' && (
        <>
          <CheckedInput
            id="conn-table"
            field="table"
            label={t('connections.table')}
            problem={problemOf('table')}
            value={table}
            onValue={(text) => {
              setTable(text)
              setTableTyped(true)
            }}
            onEdit={edited}
            required
          />
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
            <CheckedInput
              id="conn-user"
              field="user"
              label={t('connections.user')}
              problem={problemOf('user')}
              value={user}
              onValue={setUser}
              onEdit={edited}
              required
              autoComplete="off"
            />
          )}
        </>
      )}
      <CheckedInput
        id="conn-secret"
        field="secret"
        label={t(`connections.${secretKind}`)}
        problem={problemOf('secret')}
        hint={
          stored
            ? t('connections.storedHint')
            : authChanged
              ? t('connections.authChangedHint')
              : editing?.secret === 'unreadable'
                ? editing.secretDamagedFile
                  ? t('connections.unreadableDamaged', { file: editing.secretDamagedFile })
                  : t('connections.unreadable')
                : undefined
        }
        value={secret}
        onValue={setSecret}
        onEdit={edited}
        type="password"
        required={secretNeeded}
        autoComplete="new-password"
        placeholder={stored ? `•••••• (${t('connections.stored')})` : ''}
        data-testid="conn-secret"
      />
      {kind === 'servicenow' &&
        CODE_MAP_FIELDS.map((field) => {
          const id = `conn-${CODE_MAP_SLUGS[field]}`
          const fieldError = codeErrors[field]
          return (
            <Field
              key={field}
              id={id}
              label={t(`connections.${field}`)}
              note={fieldError ?? t(`connections.${field}Hint`)}
              invalid={fieldError !== undefined}
            >
              <input
                id={id}
                value={codeTexts[field]}
                placeholder={CODE_MAP_PLACEHOLDERS[field]}
                aria-invalid={fieldError !== undefined || undefined}
                onChange={(e) => {
                  const text = e.currentTarget.value
                  setCodeTexts((texts) => ({ ...texts, [field]: text }))
                  setCodeErrors(({ [field]: _gone, ...rest }) => rest)
                }}
                autoComplete="off"
                data-testid={id}
              />
            </Field>
          )
        })}
      {kind === 'servicenow' && (
        <CheckedInput
          id="conn-margin"
          field="margin"
          label={t('connections.margin')}
          problem={problemOf('margin')}
          hint={t('connections.marginHint')}
          value={margin}
          onValue={setMargin}
          onEdit={edited}
          inputMode="numeric"
          placeholder={String(RESUME_MARGIN_SECONDS.default)}
          autoComplete="off"
          data-testid="conn-margin"
        />
      )}
      {kind === 'itsm' && (
        <CollectionsRead
          skip={skip}
          onChange={(collection, read) =>
            setSkip((was) =>
              ITSM_OPTIONAL_COLLECTIONS.filter((c) => (c === collection ? !read : was.includes(c))),
            )
          }
        />
      )}
      <CheckedInput
        id="conn-proxy"
        field="proxy"
        label={t('connections.proxy')}
        problem={problemOf('proxy')}
        hint={t('connections.proxyHint')}
        value={proxy}
        onValue={setProxy}
        onEdit={edited}
        type="url"
        placeholder="http://proxy.example.go.kr:8080"
        autoComplete="off"
        data-testid="conn-proxy"
      />
      {proxy.trim() !== '' && (
        <>
          <CheckedInput
            id="conn-proxy-user"
            field="proxyUser"
            label={t('connections.proxyUser')}
            problem={problemOf('proxyUser')}
            hint={t('connections.proxyUserHint')}
            value={proxyUser}
            onValue={setProxyUser}
            onEdit={edited}
            autoComplete="off"
            data-testid="conn-proxy-user"
          />
          {proxyUser.trim() !== '' && (
            <CheckedInput
              id="conn-proxy-password"
              field="proxyPassword"
              label={t('connections.proxyPassword')}
              problem={problemOf('proxyPassword')}
              hint={proxyStored ? t('connections.storedHint') : undefined}
              value={proxyPassword}
              onValue={setProxyPassword}
              onEdit={edited}
              type="password"
              required={!proxyKept}
              autoComplete="new-password"
              placeholder={proxyStored ? `•••••• (${t('connections.stored')})` : ''}
              data-testid="conn-proxy-password"
            />
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
                (err: unknown) => setError(errorText(err, t, i18n.language)),
              )
            }}
          />
        </label>
      </Field>
      <div className="settings-actions">
        {/* Waits while saving without leaving the tab order: a disabled button would drop the focus. */}
        <button type="submit" className="btn btn-primary" aria-disabled={saving} data-testid="conn-save">
          {saving ? t('connections.saving') : t('connections.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('connections.cancel')}
        </button>
      </div>
    </form>
  )
}

/**
 * ITSM REST: which collections the connection reads, one checkbox each (the SRs always, shown ticked
 * and fixed). A collection unticked is the connection's `skip`: never asked for by its syncs.
 */
function CollectionsRead({
  skip,
  onChange,
}: {
  skip: readonly ItsmOptionalCollection[]
  onChange: (collection: ItsmOptionalCollection, read: boolean) => void
}) {
  const { t } = useTranslation()
  return (
    <div
      className="field"
      role="group"
      aria-labelledby="conn-collections-label"
      aria-describedby="conn-collections-note"
    >
      <span id="conn-collections-label" className="field-group-label">
        {t('connections.collections')}
      </span>
      <div className="field-control">
        <div className="collection-checks" data-testid="conn-collections">
          <label className="collection-check">
            <input type="checkbox" checked disabled />
            {t('connections.collectionsAlways', { name: t('sync.entities.srs') })}
          </label>
          {ITSM_OPTIONAL_COLLECTIONS.map((collection) => (
            <label key={collection} className="collection-check">
              <input
                type="checkbox"
                checked={!skip.includes(collection)}
                onChange={(e) => onChange(collection, e.currentTarget.checked)}
                data-testid={`conn-read-${collection}`}
              />
              {t(`sync.entities.${collection}`)}
            </label>
          ))}
        </div>
        <span id="conn-collections-note" className="field-note">
          {t('connections.collectionsHint')}
        </span>
      </div>
    </div>
  )
}

/**
 * A text input the form checks before sending: its mistake (else `hint`) under it, announced, and
 * marked on the input; `data-field` lets the form move the focus to the first mistake.
 */
function CheckedInput({
  id,
  field,
  label,
  problem,
  hint,
  onValue,
  onEdit,
  ...input
}: {
  id: string
  field: ConnectionField
  label: string
  problem: string | undefined
  hint?: string | undefined
  onValue: (value: string) => void
  /** Told of every change: a mistake said under the field goes once the field is edited. */
  onEdit: (field: ConnectionField) => void
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'>) {
  return (
    <Field id={id} label={label} note={problem ?? hint} invalid={problem !== undefined}>
      <input
        {...input}
        id={id}
        data-field={field}
        aria-invalid={problem !== undefined || undefined}
        onChange={(e) => {
          onValue(e.currentTarget.value)
          onEdit(field)
        }}
      />
    </Field>
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

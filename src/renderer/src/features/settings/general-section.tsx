import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '../../../../shared/domain'
import { THEMES, type AppSettings } from '../../../../shared/settings'
import { ErrorBanner } from '../../components/error-banner'
import { ApiClientError, call } from '../../lib/api'
import {
  COMMON_TIME_ZONES,
  OTHER_ZONE,
  issuesToFieldErrors,
  toDraft,
  validateDraft,
  type Draft,
  type FieldErrors,
  type FieldName,
} from './settings-form'

type GeneralSectionProps = { settings: AppSettings; onSaved: (settings: AppSettings) => void }

export function GeneralSection({ settings, onSaved }: GeneralSectionProps) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)

  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }))

  async function save(): Promise<void> {
    const { patch, errors: local } = validateDraft(draft, {
      timeZone: t('settings.timeZoneInvalid'),
      syncInterval: t('settings.syncIntervalInvalid'),
    })
    setErrors(local)
    setSaveError(null)
    if (Object.keys(local).length > 0) return
    setSaving(true)
    try {
      onSaved(await call('settings:set', patch))
    } catch (err) {
      if (err instanceof ApiClientError && err.code === 'BAD_REQUEST' && err.issues.length > 0) {
        setErrors(issuesToFieldErrors(err.issues))
      }
      setSaveError(err instanceof Error ? err.message : String(err))
    } finally {
      // A save that changed nothing keeps this form mounted, so it must leave the saving state itself.
      setSaving(false)
    }
  }

  return (
    <form
      className="settings-section"
      aria-labelledby="general-title"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h2 id="general-title">{t('settings.general')}</h2>
      {saveError && <ErrorBanner title={t('settings.saveFailed')} message={saveError} />}
      <Field id="language" label={t('settings.language')} error={errors.language}>
        <select
          id="language"
          value={draft.language}
          onChange={(e) => update({ language: e.currentTarget.value === 'en' ? 'en' : 'ko' })}
        >
          {LANGUAGES.map((lang) => (
            <option key={lang} value={lang}>
              {t(`languages.${lang}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="theme" label={t('settings.theme')} error={errors.theme}>
        <select
          id="theme"
          value={draft.theme}
          onChange={(e) => update({ theme: THEMES.find((x) => x === e.currentTarget.value) ?? 'system' })}
        >
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(`settings.themes.${theme}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="timeZone" label={t('settings.timeZone')} error={errors.timeZone}>
        <select
          id="timeZone"
          value={draft.zoneChoice}
          onChange={(e) => update({ zoneChoice: e.currentTarget.value })}
        >
          {COMMON_TIME_ZONES.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
          <option value={OTHER_ZONE}>{t('settings.timeZoneOther')}</option>
        </select>
        {draft.zoneChoice === OTHER_ZONE && (
          <input
            aria-label={t('settings.timeZoneCustom')}
            placeholder={t('settings.timeZoneCustom')}
            value={draft.zoneCustom}
            aria-invalid={errors.timeZone !== undefined}
            onChange={(e) => update({ zoneCustom: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field id="syncIntervalMinutes" label={t('settings.syncInterval')} error={errors.syncIntervalMinutes}>
        <input
          id="syncIntervalMinutes"
          inputMode="numeric"
          value={draft.syncInterval}
          aria-invalid={errors.syncIntervalMinutes !== undefined}
          onChange={(e) => update({ syncInterval: e.currentTarget.value })}
        />
      </Field>
      <Field id="reportFolder" label={t('settings.reportFolder')} error={errors.reportFolder}>
        <input
          id="reportFolder"
          readOnly
          value={settings.reportFolder ?? t('settings.reportFolderDefault')}
        />
        <span className="field-note">{t('settings.reportFolderNote')}</span>
      </Field>
      <div className="settings-actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="settings-save">
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
      </div>
    </form>
  )
}

type FieldProps = { id: FieldName; label: string; error: string | undefined; children: ReactNode }

function Field({ id, label, error, children }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-control">
        {children}
        {error && (
          <span className="field-error" role="alert" data-testid={`field-error-${id}`}>
            {error}
          </span>
        )}
      </div>
    </div>
  )
}

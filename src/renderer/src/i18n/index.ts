// i18next set-up: Korean by default (SPEC §1), English second. The language follows the app
// settings; components only call t() and the formatters in format.ts.
import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../../shared/domain'
import { en } from './en'
import { FEATURE_MESSAGES } from './feature-messages'
import { ko } from './ko'

export const i18n: I18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  resources: {
    ko: { translation: { ...ko, ...bundle('ko') } },
    en: { translation: { ...en, ...bundle('en') } },
  },
  lng: 'ko',
  fallbackLng: 'ko',
  // Resources are bundled, so init finishes synchronously and the first render is already translated.
  initAsync: false,
  // React escapes text itself.
  interpolation: { escapeValue: false },
})

function bundle(language: Language): Record<string, unknown> {
  return Object.fromEntries(FEATURE_MESSAGES.map((m) => [m.key, m[language]]))
}

/** Switches the UI language and the document's lang attribute (screen readers, CJK line breaking). */
export function applyLanguage(language: Language): void {
  document.documentElement.lang = language
  if (i18n.language !== language) void i18n.changeLanguage(language)
}

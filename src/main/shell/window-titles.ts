// The windows' titles, in the language of the settings. The shell owns them (windows.ts keeps a
// page's <title> from replacing them), so it says them in the user's language itself, as the
// renderer's pages do (settings-app.tsx sets the same text as its document title).
import type { Language } from '../../shared/domain'

export type WindowPage = 'index.html' | 'settings.html'

const SETTINGS: Record<Language, string> = { ko: '설정', en: 'Settings' }

/** The title of the window showing `page`, in `language`. */
export function windowTitle(page: WindowPage, language: Language): string {
  return page === 'settings.html' ? `Ops Console — ${SETTINGS[language]}` : 'Ops Console'
}

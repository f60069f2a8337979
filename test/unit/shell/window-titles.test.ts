// The shell owns the window titles (a page's <title> does not replace them), so they must follow the
// language of the settings as the pages' own titles do: an English Settings window said "설정".
import { describe, expect, it } from 'vitest'
import { windowTitle } from '../../../src/main/shell/window-titles'

describe('window titles', () => {
  it('titles the Settings window in the language of the settings, as its page titles itself', () => {
    // settings-app.tsx: document.title = `Ops Console — ${t('settings.title')}` (en.ts, ko.ts).
    expect(windowTitle('settings.html', 'en')).toBe('Ops Console — Settings')
    expect(windowTitle('settings.html', 'ko')).toBe('Ops Console — 설정')
  })
})

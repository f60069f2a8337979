// The native theme follows settings.theme ('system' lets the OS decide); window background colours
// match it so a window never flashes white before the renderer paints.
import { nativeTheme } from 'electron'
import type { Theme } from '../../shared/settings'

const BACKGROUND = { light: '#f5f6f8', dark: '#16181d' } as const

/** Applies the theme setting to Electron's nativeTheme (which drives prefers-color-scheme). */
export function applyTheme(theme: Theme): void {
  nativeTheme.themeSource = theme
}

/** The window background colour for the effective (OS-resolved) theme. */
export function backgroundColor(): string {
  return nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light
}

/** Calls `listener` when the effective theme changes (OS switch or setting). */
export function onThemeUpdated(listener: () => void): () => void {
  nativeTheme.on('updated', listener)
  return () => nativeTheme.off('updated', listener)
}

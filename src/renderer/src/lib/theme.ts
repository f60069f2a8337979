import type { Theme } from '../../../shared/settings'

/**
 * 'system' leaves the colour scheme to the OS (prefers-color-scheme through CSS light-dark());
 * 'light' / 'dark' force one. theme.css reads the data attribute.
 */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme
}

// Every area's messages must exist in both languages with the same keys, and no area may take a
// top-level key another area (or the shared ko.ts) already uses: i18next would silently merge them.
import { describe, expect, it } from 'vitest'
import { FEATURE_MESSAGES } from '../../../src/renderer/src/i18n/feature-messages'
import { ko } from '../../../src/renderer/src/i18n/ko'

function keyPaths(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix]
  return Object.entries(tree).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k))
}

describe('feature messages', () => {
  it('top-level keys are unique across areas and the shared messages', () => {
    const keys = [...Object.keys(ko), ...FEATURE_MESSAGES.map((m) => m.key)]
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([])
  })

  it.each(FEATURE_MESSAGES.map((m) => [m.key, m] as const))('%s has the same keys in ko and en', (_, m) => {
    expect(keyPaths(m.en).sort()).toEqual(keyPaths(m.ko).sort())
    for (const lang of [m.ko, m.en]) {
      for (const path of keyPaths(lang)) {
        const value = path.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], lang)
        expect(typeof value === 'string' && value.length > 0, `${m.key}.${path}`).toBe(true)
      }
    }
  })
})

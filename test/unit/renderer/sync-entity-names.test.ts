// The core's English messages name the collections a sync reads as the English Sync screen labels
// them (its labels are headings, with a capital), not by their keys: feature usage, SR history.
import { describe, expect, it } from 'vitest'
import { syncMessages } from '../../../src/renderer/src/features/sync/messages'
import { syncErrorMessages } from '../../../src/renderer/src/features/sync/sync-error-messages'
import { connectionNameEn, SOURCE_KIND_NAMES_EN, SYNC_ENTITY_NAMES_EN } from '../../../src/shared/labels'

describe('the English names of the collections', () => {
  it('are the Sync screen’s English labels, for every collection it labels', () => {
    const labels: Record<string, string> = syncMessages.en.entities
    expect(Object.keys(SYNC_ENTITY_NAMES_EN).sort()).toEqual(Object.keys(labels).sort())
    for (const [entity, name] of Object.entries(SYNC_ENTITY_NAMES_EN)) {
      expect(name.toLowerCase(), entity).toBe(labels[entity]?.toLowerCase())
      // Never the key itself where it differs ("feature_usage", "sr_events", "srs").
      expect(name, entity).not.toMatch(/_|^srs$/)
    }
  })
})

describe('the English names of the connections', () => {
  it('are the Sync screen’s kinds, said as the app says where a sync failed', () => {
    const kinds: Record<string, string> = syncMessages.en.kinds
    expect(SOURCE_KIND_NAMES_EN).toEqual(kinds)
    const errorKinds: Record<string, string> = syncErrorMessages.en.kinds
    for (const kind of Object.keys(kinds)) {
      // The app's "(ServiceNow connection "sn")", with its words filled in as i18next does.
      const app = syncErrorMessages.en.whereSource
        .replace('{{kind}}', errorKinds[kind] ?? '')
        .replace('{{source}}', 'sn')
      expect(`(${connectionNameEn(kind, 'sn')})`, kind).toBe(app)
    }
    // A kind it has no name for is said as it is, not dropped.
    expect(connectionNameEn('csv', 'upload')).toBe('csv connection "upload"')
  })
})

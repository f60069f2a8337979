// The core's English messages name the collections a sync reads as the English Sync screen labels
// them (its labels are headings, with a capital), not by their keys: feature usage, SR history.
import { describe, expect, it } from 'vitest'
import { syncMessages } from '../../../src/renderer/src/features/sync/messages'
import { SYNC_ENTITY_NAMES_EN } from '../../../src/shared/labels'

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

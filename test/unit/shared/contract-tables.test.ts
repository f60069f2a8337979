// Each area declares its channels in its own table; a channel declared twice would silently
// replace the other in the merged contract, so the tables must not overlap.
import { describe, expect, it } from 'vitest'
import { CHANNEL_TABLES, CHANNELS, EVENTS, contract } from '../../../src/shared/ipc/contract'

describe('the merged IPC contract', () => {
  it('no channel is declared by two areas', () => {
    const owners = new Map<string, string[]>()
    for (const [area, table] of Object.entries(CHANNEL_TABLES)) {
      for (const channel of Object.keys(table)) owners.set(channel, [...(owners.get(channel) ?? []), area])
    }
    const twice = [...owners].filter(([, areas]) => areas.length > 1)
    expect(twice).toEqual([])
    expect(CHANNELS.length).toBe(owners.size)
  })

  it('every channel is named domain:action and says who answers it', () => {
    for (const channel of CHANNELS) {
      expect(channel).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/)
      expect(['core', 'shell']).toContain(contract[channel].scope)
    }
  })

  it('no event is declared twice', () => {
    expect(new Set(EVENTS).size).toBe(EVENTS.length)
  })
})

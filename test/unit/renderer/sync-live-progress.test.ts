import { describe, expect, it } from 'vitest'
import type { SyncProgressEvent, SyncStatusView } from '../../../src/shared/ipc/types-sync'
import { progressAfter } from '../../../src/renderer/src/features/sync/live-progress'

const progress = (over: Partial<SyncProgressEvent>): SyncProgressEvent => ({
  source: 'alpha',
  entity: 'feature_usage',
  rows: 406,
  pages: 1,
  rate: 2500,
  etaMs: null,
  total: 406,
  entityIndex: 6,
  entityCount: 7,
  sourceIndex: 0,
  sourceCount: 2,
  ...over,
})
const status = (over: Partial<SyncStatusView>): SyncStatusView => ({
  state: 'running',
  progress: null,
  lastRun: null,
  nextRunAt: null,
  offlineSince: null,
  intervalMinutes: 15,
  watermark: null,
  ...over,
})

describe('Sync screen progress', () => {
  it("shows the next connection as soon as its turn is pushed, not the previous connection's last figures", () => {
    const last = progressAfter({ event: 'sync:progress', payload: progress({}) })
    expect(last?.source).toBe('alpha')
    const starting = progress({ source: 'beta', entity: '', rows: 0, pages: 0, total: null, sourceIndex: 1 })
    const shown = progressAfter({ event: 'sync:state', payload: status({ progress: starting }) })
    expect(shown).toEqual(starting)
  })

  it('shows no progress once the run is over', () => {
    expect(progressAfter({ event: 'sync:state', payload: status({ state: 'idle' }) })).toBeNull()
    expect(progressAfter({ event: 'sync:finished' })).toBeNull()
  })
})

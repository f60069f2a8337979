import { useRef, useState } from 'react'
import type { SyncProgressEvent, SyncStatusView } from '../../../../shared/ipc/types-sync'
import { call } from '../../lib/api'
import { useApiEvent } from '../../lib/use-api-event'
import { useApiQuery } from '../../lib/use-api-query'
import { progressAfter } from './live-progress'

/** The scheduler's status, sources and log, kept live by the sync events. */
export function useSync() {
  const status = useApiQuery(() => call('sync:status', {}), 'sync-status')
  const sources = useApiQuery(() => call('sources:list', {}), 'sync-sources')
  const log = useApiQuery(() => call('sync:log', { limit: 20 }), 'sync-log')
  const [pushed, setPushed] = useState<SyncStatusView | null>(null)
  const [progress, setProgress] = useState<SyncProgressEvent | null>(null)

  useApiEvent('sync:state', (s) => {
    setPushed(s)
    setProgress(progressAfter({ event: 'sync:state', payload: s }))
    sources.reload()
  })
  // A sync logs one entry per entity: when progress moves on to the next entity (or source), the
  // previous entry has just finished and a new one is running, so the log is read again.
  const logged = useRef('')
  useApiEvent('sync:progress', (p) => {
    setProgress(progressAfter({ event: 'sync:progress', payload: p }))
    const key = `${p.source}\u0000${p.entity}`
    if (key !== logged.current) {
      logged.current = key
      log.reload()
    }
  })
  useApiEvent('sync:finished', () => {
    setProgress(progressAfter({ event: 'sync:finished' }))
    status.reload()
    sources.reload()
    log.reload()
  })
  useApiEvent('data:changed', () => {
    // An import moves the watermark too.
    setPushed(null)
    status.reload()
    sources.reload()
    log.reload()
  })

  // The pushed state is newer than the query's answer until the query reloads after it.
  const current = pushed ?? status.data
  const live = current?.state === 'running' ? (progress ?? current.progress) : null
  return {
    status: current,
    progress: live,
    sources,
    log,
    error: status.error ?? sources.error,
    reload: () => {
      setPushed(null)
      status.reload()
      sources.reload()
      log.reload()
    },
    /**
     * After asking for a run: the sources and the log are read again, the state is left to the
     * pushed events (reading it again would show the state from before the run until the answer came).
     */
    refreshLists: () => {
      sources.reload()
      log.reload()
    },
  }
}

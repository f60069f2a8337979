import { useState } from 'react'
import type { EventPayloads } from '../../../../shared/ipc/contract'
import type { AppSettings } from '../../../../shared/settings'
import { call } from '../../lib/api'
import { useApiEvent } from '../../lib/use-api-event'

export type DemoGeneration = {
  running: boolean
  progress: EventPayloads['demo:progress'] | null
  error: Error | null
  /** Resolves with the saved settings on success, null on failure (see `error`). */
  start: () => Promise<AppSettings | null>
}

/** Runs 'demo:generate' and follows its 'demo:progress' events. */
export function useDemoGeneration(): DemoGeneration {
  const [running, setRunning] = useState(false)
  const [progress, setProgress] = useState<EventPayloads['demo:progress'] | null>(null)
  const [error, setError] = useState<Error | null>(null)
  useApiEvent('demo:progress', (p) => {
    if (running) setProgress(p)
  })

  async function start(): Promise<AppSettings | null> {
    setRunning(true)
    setError(null)
    setProgress(null)
    try {
      await call('demo:generate', {})
      // Generating counts as answering the offer: it is not shown again even if the data is removed.
      return await call('settings:set', { demoOfferAnswered: true })
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
      return null
    } finally {
      setRunning(false)
    }
  }

  return { running, progress, error, start }
}

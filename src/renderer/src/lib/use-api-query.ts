import { useCallback, useEffect, useEffectEvent, useState } from 'react'

export type QueryState<T> = {
  /** The last successful answer (kept while a refetch runs, so figures don't flash). */
  data: T | undefined
  error: Error | undefined
  /** True until the answer for the current key (and reload) has arrived. */
  loading: boolean
  /** True once any answer (data or error) has arrived. */
  settled: boolean
  reload: () => void
}

type Settled<T> = { key: string; nonce: number; data: T | undefined; error: Error | undefined }

/**
 * Runs `load` whenever `key` changes or `reload()` is called. Answers to superseded requests are
 * dropped, so a slow early request never overwrites a newer one.
 */
export function useApiQuery<T>(load: () => Promise<T>, key: string): QueryState<T> {
  const [nonce, setNonce] = useState(0)
  const [settled, setSettled] = useState<Settled<T> | null>(null)
  const run = useEffectEvent(load)

  useEffect(() => {
    let current = true
    run().then(
      (data) => {
        if (current) setSettled({ key, nonce, data, error: undefined })
      },
      (err: unknown) => {
        if (!current) return
        const error = err instanceof Error ? err : new Error(String(err))
        setSettled((prev) => ({ key, nonce, data: prev?.data, error }))
      },
    )
    return () => {
      current = false
    }
  }, [key, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return {
    data: settled?.data,
    error: settled?.error,
    loading: settled === null || settled.key !== key || settled.nonce !== nonce,
    settled: settled !== null,
    reload,
  }
}

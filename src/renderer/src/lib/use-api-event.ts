import { useEffect, useEffectEvent } from 'react'
import type { EventName, EventPayloads } from '../../../shared/ipc/contract'
import { subscribe } from './api'

/** Subscribes to a pushed event for the component's lifetime; the listener always sees fresh props. */
export function useApiEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): void {
  const onEvent = useEffectEvent(listener)
  useEffect(() => subscribe(event, (payload) => onEvent(payload)), [event])
}

import { useState } from 'react'
import type { AuthStatus } from '../../../../shared/ipc/types-auth'
import { call } from '../../lib/api'
import { useApiEvent } from '../../lib/use-api-event'
import { useApiQuery } from '../../lib/use-api-query'

/** The admin session's status, kept current by 'auth:changed'. */
export function useAuth() {
  const query = useApiQuery(() => call('auth:status', {}), 'auth-status')
  const [pushed, setPushed] = useState<AuthStatus | null>(null)
  useApiEvent('auth:changed', setPushed)
  return { status: pushed ?? query.data, error: query.error, adopt: setPushed, reload: query.reload }
}

// Sorts a sync failure into a cause the Sync screen can explain ("what to do"). The engine reports
// a status and a message; the messages come from sources/http.ts and the connectors, whose wording
// is stable (tests pin it), so the status code or phrase in them is a reliable signal.
import type { SyncErrorCause } from '../../../shared/ipc/types-sync'
import { SERVER_SAID } from '../sources/http'

/** The cause of a failed, offline or cancelled run from its status and message. */
export function causeOf(status: string, fullMessage: string): SyncErrorCause {
  // What a server said about its error is its own wording, not ours: it does not decide the cause.
  const message = fullMessage.split(SERVER_SAID)[0] ?? ''
  if (status === 'offline') return 'offline'
  if (status === 'cancelled' || message.startsWith('Cancelled')) return 'cancelled'
  if (message.includes('The proxy refused')) return message.includes('(407)') ? 'proxy_auth' : 'proxy'
  if (message.startsWith('Offline:') || message.includes('Cannot reach')) return 'offline'
  if (/^No (token|password|proxy password) /.test(message)) return 'secret_missing'
  // A stored secret the keychain can no longer decrypt (shell/safe-storage-secrets.ts): enter it again.
  if (message.includes('could not be decrypted')) return 'secret_missing'
  if (message.includes('TLS certificate was not accepted')) return 'certificate'
  if (message.startsWith('The token or password cannot be sent')) return 'auth'
  if (message.includes('(401)')) return 'auth'
  if (message.includes('(403)')) return 'forbidden'
  if (message.includes('(404)')) return 'not_found'
  if (message.includes('(429)')) return 'rate_limited'
  if (/failed \(5\d\d\)/.test(message)) return 'server'
  if (message.includes('No answer in time')) return 'timeout'
  // ServiceNow records in a state no map knows: the connection's state codes fix it, not the server.
  if (/\. Map state .+ to a status for this source/.test(message)) return 'unknown_state'
  if (message.startsWith('interrupted') || message.includes('closed this run as interrupted'))
    return 'interrupted'
  if (
    /not a protocol page|was rejected|not valid JSON|malformed|truncated|does not move forward|cursor|record\(s\) we cannot read/i.test(
      message,
    )
  )
    return 'malformed'
  return 'other'
}

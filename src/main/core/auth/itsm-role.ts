// Reads the role of the connected ITSM account (`/me`, docs/itsm-rest-protocol.md §2) at start-up so
// an admin account unlocks the admin sections without a passphrase. Offline, the last answer stays.
import type { Store } from '../db/open-database'
import type { HttpDeps } from '../sources/http'
import { connectorFor, listSources, type SecretResolver } from '../sources/registry'
import type { AuthSession } from './session'

/** Asks each ITSM source who its account is, recording the first answer; failures change nothing. */
export async function refreshItsmRole(
  store: Store,
  auth: AuthSession,
  secrets: SecretResolver,
  deps: HttpDeps,
): Promise<void> {
  for (const record of listSources(store)) {
    if (record.kind !== 'itsm') continue
    try {
      const connector = await connectorFor(record, secrets, deps)
      const me = await connector.whoAmI(AbortSignal.timeout(15_000))
      // An ITSM REST /me always names its account (only a ServiceNow token's may not).
      if (me.name === null) continue
      auth.recordItsmAccount(record.name, { name: me.name, role: me.role })
      return
    } catch {
      // Unreachable or no token: keep the role recorded last time (offline first).
    }
  }
}

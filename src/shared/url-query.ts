// What a connection's address may carry after its path. A query parameter that holds a credential
// (?access_token=…, &api_key=…, ServiceNow's sysparm_ck: credential-params.ts, the list redact.ts
// scrubs from messages too) would be kept in the connection's settings in
// plain text, where secrets never go; an ITSM REST address takes no query or fragment at all (the
// client appends /api/v1/… to it, so anything after "?" or "#" would swallow every request's path).
// A ServiceNow address pasted from the REST API Explorer keeps its harmless query
// (?sysparm_limit=10), which the connector drops with the API path (servicenow-url.ts). Shared so that
// the core refuses such a URL when a connection is saved and the Connections form says so under the
// field.
import { isCredentialParam } from './credential-params'
import type { SourceKind } from './ipc/types-sync'

export type UrlQueryProblem = 'credential' | 'query'

/** What is wrong with the query or fragment of connection address `url` of a `kind` connection, or null. */
export function urlQueryProblem(url: URL, kind: SourceKind): UrlQueryProblem | null {
  for (const key of url.searchParams.keys()) if (isCredentialParam(key)) return 'credential'
  if (kind === 'itsm' && (url.search !== '' || url.hash !== '')) return 'query'
  return null
}

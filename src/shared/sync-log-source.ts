// Who wrote a sync-log entry, from its `source`: a connection is logged as `kind:name`, a file import
// as `import:name` ('file' unless the CLI named it). The Sync screen and `sync log` both show it.

export type LogSource = { fileImport: true; name: string } | { fileImport: false; kind: string; name: string }

/** Splits a sync-log `source` into who wrote the entry. */
export function logSource(source: string): LogSource {
  const colon = source.indexOf(':')
  const kind = colon > 0 ? source.slice(0, colon) : ''
  const name = source.slice(colon + 1)
  return kind === 'import' ? { fileImport: true, name } : { fileImport: false, kind, name }
}

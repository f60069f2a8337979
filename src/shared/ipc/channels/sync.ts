// Channels of sources, sync and file import (SPEC §10). Merged into the one contract in ../contract.ts.
//
// Secrets are write-only: sources:add/update accept a token or password, the core puts it in the
// secret store (the OS keychain in the app) and no response ever carries it back.
//
// File import without paths (ARCHITECTURE.md: no path or file primitive crosses IPC): the renderer
// asks the shell to choose a file (`import:choose-file`: the main process shows the OS open dialog
// and answers with an opaque token and the file's name), then passes only that token to
// `import:preview` / `import:run`; the core reads the file the token stands for. The browser
// harness cannot show an OS dialog, so it stands in with a harness-only HTTP route
// (`POST /api/harness/import-file`, see src/main/harness/import-upload.ts) that takes the bytes of
// an <input type=file> pick, keeps them in a temp file and answers with the same token shape. The
// app's preload exposes no such route, so the app path never sees a path from the renderer.
import { z } from 'zod'
import { stateMapSchema } from '../../servicenow-state-map'
import { priorityMapSchema } from '../../servicenow-priority-map'
import { resumeMarginSchema } from '../../servicenow-margin'
import { importSourceNameSchema } from '../../import-source-name'
import { returns, type ChannelSpec } from '../define'
import type {
  ImportFileChoice,
  ImportSourceView,
  ImportProgressEvent,
  ImportErrorReportView,
  ImportPreviewView,
  ImportRunView,
  SourceTestResult,
  SourceView,
  SyncLogView,
  SyncProgressEvent,
  SyncRunAnswer,
  SyncRunResult,
  SyncStatusView,
} from '../types-sync'

const sourceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Use 1–40 lower-case letters, digits, "-" or "_" (e.g. "prod-itsm")')
const secret = z.string().min(1).max(4096)
/** A bearer token goes into an HTTP header as it is: visible ASCII only (a pasted line break is refused here). */
const bearerToken = secret.regex(
  /^[\x21-\x7e]+$/,
  'A token is visible ASCII characters only: no spaces, line breaks or other letters (check what was pasted)',
)
const isHttpUrl = (text: string): boolean => {
  try {
    return /^https?:$/.test(new URL(text).protocol)
  } catch {
    return false
  }
}
const url = z
  .string()
  .min(1)
  .max(2048)
  .refine(isHttpUrl, 'Give the full http(s) URL, e.g. https://itsm.example.go.kr')
/**
 * A connection's own CA certificates: the text of a PEM file, or a binary (DER) file's bytes in base64.
 * The core reads and checks it (a key, an expired or unreadable certificate is refused).
 */
const caCertificate = z
  .string()
  .min(1)
  .max(128 * 1024)
/** An HTTP proxy URL; the core checks its form (scheme, host, port; no login in it). */
const proxy = z.string().min(1).max(2048)
/** The user of a proxy that asks for a login; its password travels like the other secrets. */
const proxyUser = z.string().min(1).max(200)
/**
 * ITSM REST: the collections the connection does not read (entity keys such as people,
 * deployments). The core checks the names (never the SRs; shared/itsm-skip.ts) with a reason the UI words.
 */
const skip = z.array(z.string().min(1).max(40)).max(20)
const table = z
  .string()
  .regex(/^[a-z0-9_]+$/, 'A table name such as incident')
  .max(80)

const addSource = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('itsm'),
      name: sourceName,
      url,
      token: bearerToken,
      skip: skip.optional(),
      caCertificate: caCertificate.optional(),
      proxy: proxy.optional(),
      proxyUser: proxyUser.optional(),
      proxyPassword: secret.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('servicenow'),
      name: sourceName,
      url,
      table: table.optional(),
      /** Basic auth user; without it the secret is a bearer token. */
      user: z.string().min(1).max(200).optional(),
      password: secret.optional(),
      token: bearerToken.optional(),
      /** The instance's own state codes, e.g. { "4": "PENDING" }, before the built-in ones. */
      stateMap: stateMapSchema.optional(),
      /** The instance's own priority codes, e.g. { "0": "P1" }, before the built-in 1..5. */
      priorityMap: priorityMapSchema.optional(),
      /** Seconds each sync re-reads before its stored position (late commits); omitted: a minute. */
      resumeMarginSeconds: resumeMarginSchema.optional(),
      caCertificate: caCertificate.optional(),
      proxy: proxy.optional(),
      proxyUser: proxyUser.optional(),
      proxyPassword: secret.optional(),
    })
    .strict(),
])

const updateSource = z
  .object({
    name: sourceName,
    url: url.optional(),
    table: table.optional(),
    /** ServiceNow: a new state map replaces the source's; null removes it; omitted keeps it. */
    stateMap: stateMapSchema.nullable().optional(),
    /** ServiceNow: a new priority map replaces the source's; null removes it; omitted keeps it. */
    priorityMap: priorityMapSchema.nullable().optional(),
    /** ServiceNow: the seconds each sync re-reads; null puts back the default minute; omitted keeps it. */
    resumeMarginSeconds: resumeMarginSchema.nullable().optional(),
    /** ITSM REST: a new list replaces the collections not read; null or [] reads them all; omitted keeps it. */
    skip: skip.nullable().optional(),
    /** null switches a ServiceNow source to a bearer token. */
    user: z.string().min(1).max(200).nullable().optional(),
    /** A new secret replaces the stored one; omitted keeps it. */
    token: bearerToken.optional(),
    password: secret.optional(),
    /** New CA certificates replace the connection's; null removes them; omitted keeps them. */
    caCertificate: caCertificate.nullable().optional(),
    /** A proxy to go through; null connects directly; omitted keeps it. */
    proxy: proxy.nullable().optional(),
    /** The proxy's login user; null removes the login (and its stored password); omitted keeps it. */
    proxyUser: proxyUser.nullable().optional(),
    /** A new proxy password replaces the stored one; omitted keeps it. */
    proxyPassword: secret.optional(),
  })
  .strict()

const token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'An import file token')
const mapping = z
  .object({
    /** Canonical column → file header; null: not read (turns an automatic match off). */
    columns: z.record(z.string(), z.string().min(1).max(200).nullable()).optional(),
    values: z
      .object({
        status: z.record(z.string(), z.string()).optional(),
        priority: z.record(z.string(), z.string()).optional(),
      })
      .strict()
      .optional(),
    /** XLSX: the sheet to read (default: the first). */
    sheet: z.string().min(1).max(200).optional(),
    /** CSV/XLSX: the header's row number, as the file counts its rows (default: found by its names). */
    headerRow: z.number().int().min(1).max(10_000_000).optional(),
  })
  .strict()

export const syncChannels = {
  'sources:list': { scope: 'core', request: z.object({}).strict(), response: returns<SourceView[]>() },
  'sources:add': { scope: 'core', request: addSource, response: returns<SourceView>() },
  'sources:update': { scope: 'core', request: updateSource, response: returns<SourceView>() },
  'sources:remove': {
    scope: 'core',
    request: z.object({ name: sourceName }).strict(),
    response: returns<{ removed: boolean }>(),
  },
  'sources:test': {
    scope: 'core',
    request: z.object({ name: sourceName }).strict(),
    response: returns<SourceTestResult>(),
  },
  'sync:run': {
    scope: 'core',
    request: z.object({ source: sourceName.optional(), full: z.boolean().optional() }).strict(),
    response: returns<SyncRunAnswer>(),
  },
  'sync:cancel': {
    scope: 'core',
    request: z.object({}).strict(),
    response: returns<{ cancelled: boolean }>(),
  },
  'sync:status': { scope: 'core', request: z.object({}).strict(), response: returns<SyncStatusView>() },
  'sync:log': {
    scope: 'core',
    request: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    response: returns<SyncLogView[]>(),
  },
  'import:choose-file': {
    scope: 'shell',
    request: z.object({}).strict(),
    response: returns<ImportFileChoice | null>(),
  },
  /**
   * Checks a file with a mapping. The check does not depend on the source name (it is the run's), so
   * none is taken: a name typed after the check does not make it stale.
   */
  'import:preview': {
    scope: 'core',
    request: z.object({ token, mapping: mapping.optional() }).strict(),
    response: returns<ImportPreviewView>(),
  },
  /**
   * `sourceName`: the rows are kept under `import:<sourceName>` (default `import:file`); files of the
   * same system share one, a system whose ids overlap another's gets its own (see import-source-name.ts).
   */
  'import:run': {
    scope: 'core',
    request: z
      .object({
        token,
        mapping: mapping.optional(),
        sourceName: importSourceNameSchema.optional(),
        allowErrors: z.boolean().optional(),
      })
      .strict(),
    response: returns<ImportRunView>(),
  },
  /** The import sources the workspace holds SRs of, for the wizard to offer their names. */
  'import:sources': {
    scope: 'core',
    request: z.object({}).strict(),
    response: returns<ImportSourceView[]>(),
  },
  /**
   * Checks the file again and answers every row error as CSV text (the check lists the first 500):
   * the renderer offers it as a download, so no path crosses IPC.
   */
  'import:error-report': {
    scope: 'core',
    request: z.object({ token, mapping: mapping.optional() }).strict(),
    response: returns<ImportErrorReportView>(),
  },
  /** Stops the running file check or import; the import then answers 'cancelled', nothing written. */
  'import:cancel': {
    scope: 'core',
    request: z.object({}).strict(),
    response: returns<{ cancelled: boolean }>(),
  },
} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type SyncEvents = {
  'sync:progress': SyncProgressEvent
  'sync:finished': SyncRunResult
  /** The scheduler's state changed (idle/running/offline, next run). */
  'sync:state': SyncStatusView
  /** A file check or import is under way (it runs off the UI's event loop). */
  'import:progress': ImportProgressEvent
}
export const SYNC_EVENTS = [
  'sync:progress',
  'sync:finished',
  'sync:state',
  'import:progress',
] as const satisfies readonly (keyof SyncEvents)[]

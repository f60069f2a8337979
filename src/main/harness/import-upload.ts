// The harness's stand-in for the app's open dialog (see the note in src/shared/ipc/channels/sync.ts):
// the page picks a file with <input type=file> and posts its bytes here; the harness keeps them in a
// temp file and answers with the same opaque token `import:choose-file` gives in the app. Only the
// harness serves this route; the app's preload has nothing like it.
import { mkdtemp, writeFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { ApiResult } from '../../shared/ipc/contract'
import type { ImportFileChoice } from '../../shared/ipc/types-sync'
import type { ImportFileRegistry } from '../core/sync/import-files'

export const UPLOAD_PATH = '/api/harness/import-file'
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024

/** Handles POST /api/harness/import-file (raw bytes, file name in X-File-Name, URL-encoded). */
export async function handleImportUpload(
  req: IncomingMessage,
  res: ServerResponse,
  files: ImportFileRegistry,
): Promise<void> {
  const send = (status: number, body: ApiResult<ImportFileChoice>): void => {
    const text = JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    res.end(text)
  }
  // application/octet-stream is not a CORS-safelisted type: another site's page needs a preflight, never granted.
  if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
    send(400, {
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'POST the file as application/octet-stream' },
    })
    return
  }
  let name = 'import.csv'
  try {
    name = basename(decodeURIComponent(String(req.headers['x-file-name'] ?? name))) || name
  } catch {
    // Keep the default name; the format check reports a wrong extension clearly.
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_UPLOAD_BYTES) {
      res.setHeader('connection', 'close')
      send(413, { ok: false, error: { code: 'BAD_REQUEST', message: 'The file is over 50 MB' } })
      req.destroy()
      return
    }
    chunks.push(chunk)
  }
  const dir = await mkdtemp(join(tmpdir(), 'ops-console-upload-'))
  const path = join(dir, name)
  await writeFile(path, Buffer.concat(chunks), { mode: 0o600 })
  send(200, { ok: true, data: files.register({ path, fileName: name, size, owned: true }) })
}

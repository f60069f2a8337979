// Choosing the file to import without a path crossing IPC (see src/shared/ipc/channels/sync.ts):
// the app's main process shows the OS dialog and answers with a token; the browser harness has no
// dialog, so the page picks with <input type=file> and uploads the bytes to the harness's route.
import type { ApiResult } from '../../../../shared/ipc/contract'
import type { ImportFileChoice } from '../../../../shared/ipc/types-sync'
import { ApiClientError, call } from '../../lib/api'
import { IS_WEB_HARNESS } from '../../lib/install-api'

/** Asks for a file; null when the user cancelled. */
export async function chooseImportFile(): Promise<ImportFileChoice | null> {
  if (!IS_WEB_HARNESS) return call('import:choose-file', {})
  const file = await pickInBrowser()
  if (!file) return null
  const response = await fetch('/api/harness/import-file', {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
    body: file,
  })
  const result = (await response.json()) as ApiResult<ImportFileChoice>
  if (!result.ok) throw new ApiClientError(result.error)
  return result.data
}

function pickInBrowser(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.csv,.xlsx,.json'
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => resolve(null), { once: true })
    input.click()
  })
}

/**
 * Offers `text` as a file to save, named `fileName`: a download of an in-memory document, so no path
 * crosses IPC. The browser saves it to its downloads; Electron, with no will-download handler of the
 * app's, asks where to save it with the OS save dialog.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.style.display = 'none'
  document.body.append(a)
  try {
    a.click()
  } finally {
    a.remove()
    // The download has taken the data by the next task; the URL is not needed after it.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}

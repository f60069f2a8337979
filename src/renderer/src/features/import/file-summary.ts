import type { TFunction } from 'i18next'
import type { ImportPreviewView } from '../../../../shared/ipc/types-sync'
import { encodingLabel } from './encoding-label'

/**
 * What the wizard says of the file read, after its name: its format (the sheet of a workbook, the
 * encoding of a CSV file), how many columns its header has, and which row that header is (CSV and
 * XLSX; a JSON file's records name their fields), both rows of column names spanning two. The header row is said whichever row it is, the
 * first included: a wrong one (a title taken for it) shows here first, next to the list to change it.
 */
export function fileSummary(preview: ImportPreviewView, t: TFunction): string {
  const info =
    preview.format === 'xlsx'
      ? t('importWizard.fileInfoSheet', { sheet: preview.sheet ?? '', count: preview.headers.length })
      : t('importWizard.fileInfo', {
          format: preview.format.toUpperCase(),
          encoding: encodingLabel(preview.encoding),
          count: preview.headers.length,
        })
  if (preview.headerRow === null) return info
  const last = preview.titleSkipped?.lastRow
  const header =
    last === undefined
      ? t('importWizard.fileHeaderRow', { row: preview.headerRow })
      : t('importWizard.fileHeaderRows', { row: preview.headerRow, last })
  return `${info} · ${header}`
}

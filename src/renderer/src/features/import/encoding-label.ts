/**
 * A file's text encoding as people know it from Excel and editors: the core's 'utf-8', 'utf-8-bom'
 * and 'cp949' become "UTF-8", "UTF-8 (BOM)" and "CP949". A name this renderer does not know is shown
 * in capitals ("euc-kr" → "EUC-KR").
 */
export function encodingLabel(encoding: string): string {
  const name = encoding.trim().toLowerCase()
  if (name === 'utf-8' || name === 'utf8') return 'UTF-8'
  if (name === 'utf-8-bom') return 'UTF-8 (BOM)'
  return name.toUpperCase()
}

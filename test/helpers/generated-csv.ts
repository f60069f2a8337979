// A generated canonical SR export of any size (test data for large imports): valid rows only, every
// status, Seoul wall times without offset, ids H-0, H-1, …; RESOLVED and DONE rows have resolved_at
// and CANCELLED rows closed_at (a finished SR without a finish time is a row error).
import { createWriteStream } from 'node:fs'
import ExcelJS from 'exceljs'

/** Writes `rows` SR rows under a canonical header to `path`. */
export async function writeGeneratedCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  out.write(
    'id,tenant,title,category,priority,status,assignee,created_at,resolved_at,reassignment_count,closed_at\n',
  )
  const statuses = ['OPEN', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'DONE', 'CANCELLED']
  const base = Date.UTC(2025, 0, 1)
  for (let i = 0; i < rows; i++) {
    const status = statuses[i % 6]!
    const created = new Date(base + i * 97_000).toISOString().slice(0, 19) // no offset: Seoul wall time
    const resolved =
      status === 'RESOLVED' || status === 'DONE' ? new Date(base + i * 97_000 + 3_600_000).toISOString() : ''
    const closed = status === 'CANCELLED' ? new Date(base + i * 97_000 + 1_800_000).toISOString() : ''
    const line = `H-${i},기관 ${i % 40},"요청 ${i}, 상세",분류 ${i % 12},P${(i % 4) + 1},${status},담당 ${i % 25},${created},${resolved},${i % 3},${closed}\n`
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  )
}

/**
 * The same rows as an XLSX workbook (one sheet "SR", shared strings, date-formatted created_at and
 * resolved_at), written with exceljs's streaming writer so the test itself stays small in memory.
 */
export async function writeGeneratedXlsx(path: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  })
  const ws = wb.addWorksheet('SR')
  ws.addRow([
    'id',
    'tenant',
    'title',
    'category',
    'priority',
    'status',
    'assignee',
    'created_at',
    'resolved_at',
    'reassignment_count',
  ]).commit()
  const statuses = ['OPEN', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'DONE', 'CANCELLED']
  const base = Date.UTC(2025, 0, 1)
  for (let i = 0; i < rows; i++) {
    const status = statuses[i % 6]!
    const created = new Date(base + i * 97_000) // UTC fields = Seoul wall time
    // A finished SR needs a finish time; resolved_at serves a CANCELLED one too.
    const finished = status === 'RESOLVED' || status === 'DONE' || status === 'CANCELLED'
    const resolved = finished ? new Date(base + i * 97_000 + 3_600_000) : null
    const row = ws.addRow([
      `H-${i}`,
      `기관 ${i % 40}`,
      `요청 ${i}, 상세`,
      `분류 ${i % 12}`,
      `P${(i % 4) + 1}`,
      status,
      `담당 ${i % 25}`,
      created,
      resolved,
      i % 3,
    ])
    row.getCell(8).numFmt = 'yyyy-mm-dd hh:mm'
    row.getCell(9).numFmt = 'yyyy-mm-dd hh:mm'
    row.commit()
  }
  ws.commit()
  await wb.commit()
}

// E2E: the import wizard's row errors in the UI's language. A CSV with several kinds of bad rows,
// checked in the Korean UI, lists Korean problems naming the column as "label(canonical)"; the
// English UI keeps the canonical names. A file that cannot be read at all (empty, old Excel, a
// header row only) says why in Korean too. Chromium against the real core through the harness (the
// file checks run in its import worker, as in the app).
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { chooseImportFile, openImportWizard, withTempDir } from './import-helpers'

/** One valid row and seven bad ones, each bad in its own way. */
const BAD_ROWS_CSV =
  [
    'id,tenant,title,priority,status,created_at,resolved_at,reopen_count',
    'K-1,통계청,정상,P2,OPEN,2026-03-02T09:00:00+09:00,,',
    'K-2,통계청,상태 오류,P2,WIP,2026-03-02T09:00:00+09:00,,',
    'K-3,,기관 없음,P2,OPEN,2026-03-02T09:00:00+09:00,,',
    'K-4,통계청,날짜 오류,P2,OPEN,2026-13-45,,',
    'K-5,통계청,순서 오류,P2,RESOLVED,2026-03-02T09:00:00+09:00,2026-03-01T09:00:00+09:00,',
    'K-6,통계청,음수,P2,OPEN,2026-03-02T09:00:00+09:00,,-1',
    'K-7,통계청,필드 초과,P2,OPEN,2026-03-02T09:00:00+09:00,,,넘침',
    'K-1,통계청,중복,P2,OPEN,2026-03-02T09:00:00+09:00,,',
  ].join('\n') + '\n'

/** The problem column of the error table, row by row. */
async function problems(page: Page): Promise<string[]> {
  return page.getByTestId('import-errors').locator('tbody tr td:last-child').allInnerTexts()
}

test('row errors of a checked file are worded in Korean, each naming its column', async ({ page }) => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'bad-rows.csv')
    await writeFile(path, BAD_ROWS_CSV)
    await openImportWizard(page)
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-summary')).toContainText('8행 중 정상 1행, 오류 7행')
    expect(await problems(page)).toEqual([
      '상태(status): 알 수 없는 값입니다. OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED 중 하나여야 합니다(또는 값 변환에서 뜻을 고르세요)',
      '기관(tenant): 필수 값이 비어 있습니다',
      '생성 일시(created_at): 올바른 날짜/시각이 아닙니다. 2026-03-02T09:30:00+09:00 같은 ISO 8601(오프셋이 없으면 작업 공간 시간대) 또는 Excel 날짜로 적으세요',
      '해결 일시(resolved_at): 생성 일시(created_at)보다 이릅니다',
      '재오픈 횟수(reopen_count): 음수일 수 없습니다',
      '이 행은 필드가 9개인데 머리글은 8개입니다(따옴표로 감싸지 않은 구분자가 있나요?)',
      'SR 번호(id): 2행과 중복됩니다. SR 하나는 파일에 한 번만 나올 수 있습니다',
    ])
    // Nothing of the core's English wording is left in the Korean list.
    await expect(page.getByTestId('import-errors')).not.toContainText(
      /is required|unknown status|is before|duplicate of row|fields but the header/,
    )
    await page.getByTestId('import-errors').scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/import-errors-l10n-ko.png', fullPage: true })
  })
})

test('in the English UI the same file lists English problems with the canonical column names', async ({
  page,
  request,
  harness,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await withTempDir(async (dir) => {
    const path = join(dir, 'bad-rows.csv')
    await writeFile(path, BAD_ROWS_CSV)
    await openImportWizard(page)
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-summary')).toContainText('8 rows: 1 valid, 7 with errors')
    const list = await problems(page)
    expect(list.slice(1)).toEqual([
      'tenant: is required',
      'created_at: not a valid date/time; use ISO 8601 such as 2026-03-02T09:30:00+09:00 (no offset = workspace time zone) or an Excel date',
      'resolved_at: is before created_at',
      'reopen_count: must not be negative',
      'row has 9 fields but the header has 8 (an unquoted delimiter?)',
      'id: duplicate of row 2; each SR may appear once per file',
    ])
    expect(list[0]).toMatch(/^status: unknown value; expected OPEN, IN_PROGRESS/)
  })
})

/** The bytes an old Excel .xls workbook starts with (an OLE compound file). */
const OLE_HEADER = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0])

test('a file that cannot be read at all is refused in Korean: empty, old Excel, a header row only', async ({
  page,
}) => {
  await withTempDir(async (dir) => {
    const empty = join(dir, '빈-파일.csv')
    const xls = join(dir, '3월-보고서.xls')
    const headerOnly = join(dir, 'header-only.csv')
    await writeFile(empty, '')
    await writeFile(xls, OLE_HEADER)
    await writeFile(headerOnly, 'id,tenant,title,priority,status,created_at\n')
    await openImportWizard(page)
    const message = page.getByTestId('error-message')

    // The wording names the file itself, so it is not named twice.
    await chooseImportFile(page, empty)
    await expect(message).toHaveText('빈-파일.csv 파일이 비어 있습니다.')

    // No file name in the wording: the wizard puts it first.
    await chooseImportFile(page, xls)
    await expect(message).toHaveText(
      '3월-보고서.xls: 예전 Excel 형식(.xls) 파일은 가져올 수 없습니다. Excel에서 .xlsx 또는 CSV로 저장한 뒤 다시 선택하세요.',
    )
    await expect(page.getByTestId('error-banner')).not.toContainText(/not supported|save the sheet/)
    // Titled as what it is, not as data that failed to load.
    await expect(page.locator('.error-banner-title')).toHaveText('파일 가져오기를 진행하지 못했습니다')
    await page.screenshot({ path: 'test-results/import-file-error-ko.png', fullPage: true })

    // Its columns are all found, so the check itself says what is wrong, on the mapping step.
    await chooseImportFile(page, headerOnly)
    await expect(page.getByTestId('import-map')).toBeVisible()
    await expect(message).toHaveText('머리글 행만 있고 데이터 행이 없습니다.')
    await expect(page.locator('.error-banner-title')).toHaveText('이대로는 가져올 수 없습니다')
    await page.screenshot({ path: 'test-results/import-file-problem-ko.png', fullPage: true })
  })
})

test('in the English UI the same refusals are worded in English', async ({ page, request, harness }) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await withTempDir(async (dir) => {
    const xls = join(dir, 'report.xls')
    await writeFile(xls, OLE_HEADER)
    await openImportWizard(page)
    await chooseImportFile(page, xls)
    await expect(page.getByTestId('error-message')).toHaveText(
      'report.xls: Old Excel .xls files cannot be imported: save the sheet as .xlsx or CSV in Excel, then choose it again.',
    )
    await expect(page.locator('.error-banner-title')).toHaveText('The import could not go on')
  })
})

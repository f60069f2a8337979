// E2E: the import wizard (SPEC §10) as an operator goes back and forth through it: value
// translations changed and taken back, a check gone stale, long error lists, the result's counts,
// long values, another file chosen midway, a workbook with a title block above its table, one whose
// column names span two rows. Chromium against the real core through the harness.
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Locator, Page, Route } from '@playwright/test'
import { openWorkspace } from '../../src/main/core/workspace'
import { writeGeneratedCsv } from '../helpers/generated-csv'
import { TITLE, writeTitleBlockWorkbook } from '../helpers/title-block-files'
import { OWN_TITLE, writeOwnHeadersWorkbook } from '../helpers/own-headers-files'
import { GROUPED_TIMES, writeTwoRowHeaderWorkbook } from '../helpers/two-row-header-files'
import { expect, openReady, test, type Harness } from './fixtures'
import { chooseImportFile, openImportWizard, withTempDir } from './import-helpers'

const FIXTURES = resolve('test/fixtures/import')

/** custom-layout.csv mapped by hand and checked: one row ("해결됨") has an unknown status. */
async function checkCustomLayout(page: Page): Promise<void> {
  await chooseImportFile(page, join(FIXTURES, 'custom-layout.csv'))
  await page.getByTestId('map-tenant').selectOption('Customer')
  await page.getByTestId('map-priority').selectOption('Urgency')
  await page.getByTestId('map-created_at').selectOption('Opened')
  await page.getByTestId('map-resolved_at').selectOption('Solved')
  await page.getByTestId('import-check').click()
  await expect(page.getByTestId('import-summary')).toContainText('오류 1행')
}

const srCount = (harness: Harness): number => {
  const ws = openWorkspace({ dataDir: harness.dataDir })
  try {
    return (ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n
  } finally {
    ws.close()
  }
}

test('a value translation stays shown after the check, and "—" takes it back instead of breaking the check', async ({
  page,
}) => {
  await openImportWizard(page)
  await checkCustomLayout(page)
  const translation = page.getByTestId('value-status-해결됨')
  await translation.selectOption('RESOLVED')
  await page.getByTestId('import-recheck').click()
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  // The row is valid now, and what it was translated to can still be seen and changed.
  await expect(translation).toHaveValue('RESOLVED')
  await translation.selectOption('')
  await page.getByTestId('import-recheck').click()
  await expect(page.getByTestId('import-summary')).toContainText('오류 1행')
  await expect(page.getByTestId('error-banner')).toHaveCount(0)
  await expect(page.getByTestId('import-errors')).toContainText('해결됨')
  await page.screenshot({ path: 'test-results/import-wizard-value-taken-back.png' })
})

test('a translation changed after the check: nothing is imported until the file is checked again', async ({
  page,
  harness,
}) => {
  await openImportWizard(page)
  await checkCustomLayout(page)
  await expect(page.getByTestId('import-run-valid')).toBeEnabled()
  await page.getByTestId('value-status-해결됨').selectOption('RESOLVED')
  // The counts shown are of the previous check: the import buttons wait for a new one.
  await expect(page.getByTestId('import-stale')).toBeVisible()
  await expect(page.getByTestId('import-run-valid')).toBeDisabled()
  await expect(page.getByTestId('import-run')).toBeDisabled()
  await page.screenshot({ path: 'test-results/import-wizard-stale.png' })
  expect(srCount(harness)).toBe(0)
  await page.getByTestId('import-recheck').click()
  await expect(page.getByTestId('import-summary')).toContainText('2행 중 정상 2행, 오류 0행')
  await expect(page.getByTestId('import-stale')).toHaveCount(0)
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-result')).toContainText('2행을 가져왔습니다')
  expect(srCount(harness)).toBe(2)
})

test('while a file is checked again, the import button does not say it is importing', async ({ page }) => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'sr-export.csv')
    await writeGeneratedCsv(path, 60_000)
    await openImportWizard(page)
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-summary')).toContainText('60,000행', { timeout: 60_000 })
    await page.getByTestId('import-recheck').click()
    await expect(page.getByTestId('import-progress')).toBeVisible()
    await expect(page.getByTestId('import-progress')).toContainText('파일 확인 중')
    await expect(page.getByTestId('import-run')).toHaveText('가져오기')
    await expect(page.getByTestId('import-run')).toBeDisabled()
    await expect(page.getByTestId('import-progress')).toHaveCount(0, { timeout: 60_000 })
  })
})

test('every unknown status of a long file is offered for translation, and its errors can be paged through', async ({
  page,
  harness,
}) => {
  await withTempDir(async (dir) => {
    // 600 rows say "Solved", then 10 say "Closed-Won": the second value only occurs past the
    // first 500 errors, the most a check lists.
    const lines = ['id,tenant,title,priority,status,created_at,resolved_at']
    const times = '2026-03-02T09:00:00+09:00,2026-03-02T10:00:00+09:00'
    for (let i = 0; i < 600; i++) lines.push(`S-${i},통계청,요청 ${i},P2,Solved,${times}`)
    for (let i = 0; i < 10; i++) lines.push(`W-${i},통계청,요청 ${i},P3,Closed-Won,${times}`)
    const path = join(dir, 'itsm-export.csv')
    await writeFile(path, lines.join('\n') + '\n')
    await openImportWizard(page)
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-summary')).toContainText('610행 중 정상 0행, 오류 610행')
    await expect(page.getByTestId('value-status-Solved')).toBeVisible()
    await expect(page.getByTestId('value-status-Closed-Won')).toBeVisible()

    // The 500 errors listed, 50 a page; the rest are said to exist.
    const errors = page.getByTestId('import-errors').locator('tbody tr')
    await expect(errors).toHaveCount(50)
    await expect(page.getByTestId('import-errors-range')).toHaveText('1–50 / 500건')
    await expect(page.getByTestId('import-errors-more')).toContainText('오류 610건 중 처음 500건')
    await expect(page.getByTestId('import-errors-prev')).toBeDisabled()
    await page.getByTestId('import-errors-next').click()
    await expect(page.getByTestId('import-errors-range')).toHaveText('51–100 / 500건')
    await expect(errors.first().locator('td').first()).toHaveText('52')
    await page.screenshot({ path: 'test-results/import-wizard-error-pages.png', fullPage: true })

    // All 610 errors, beyond the 500 listed, as a CSV file to save.
    const download = page.waitForEvent('download')
    await page.getByTestId('import-save-errors').click()
    const saved = await download
    expect(saved.suggestedFilename()).toBe('itsm-export-errors.csv')
    const savedPath = join(dir, 'saved-errors.csv')
    await saved.saveAs(savedPath)
    const csv = await readFile(savedPath, 'utf8')
    expect(csv.startsWith('\uFEFFrow,column,value,message\r\n')).toBe(true)
    const report = csv.slice(1).trimEnd().split('\r\n')
    expect(report).toHaveLength(1 + 610)
    // The header is row 1: the last "Closed-Won" row is row 611.
    expect(report.at(-1)).toMatch(/^611,status,Closed-Won,/)
    await expect(page.getByTestId('import-errors-saved')).toHaveText(
      '오류 610건을 CSV 파일(itsm-export-errors.csv)로 내보냈습니다',
    )
    await page.screenshot({ path: 'test-results/import-wizard-errors-saved.png', fullPage: true })

    await page.getByTestId('value-status-Solved').selectOption('RESOLVED')
    await page.getByTestId('value-status-Closed-Won').selectOption('DONE')
    await page.getByTestId('import-recheck').click()
    await expect(page.getByTestId('import-summary')).toContainText('610행 중 정상 610행, 오류 0행')
    await page.getByTestId('import-run').click()
    await expect(page.getByTestId('import-result')).toContainText('610행을 가져왔습니다')
    expect(srCount(harness)).toBe(610)
  })
})

test('the result of importing the valid rows only says how many rows were left out', async ({
  page,
  harness,
}) => {
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'bad-dates.csv'))
  await expect(page.getByTestId('import-summary')).toContainText('5행 중 정상 1행, 오류 4행')
  await page.getByTestId('import-run-valid').click()
  await expect(page.getByTestId('import-result')).toContainText('1행을 가져왔습니다')
  await expect(page.getByTestId('import-result-left-out')).toHaveText(
    '전체 5행 중 오류가 있는 4행은 가져오지 않았습니다',
  )
  expect(srCount(harness)).toBe(1)
  await page.screenshot({ path: 'test-results/import-wizard-left-out.png' })
})

test('a long value in a row error wraps, so the problem beside it stays in view', async ({
  page,
  request,
  harness,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await withTempDir(async (dir) => {
    const long = `not-a-date-${'x'.repeat(160)}`
    const path = join(dir, 'ServiceRequestExportForAllInstitutionsMarch2026FinalRevisedVersionThree.csv')
    await writeFile(
      path,
      'id,tenant,title,priority,status,created_at\n' +
        'L-1,통계청,정상,P2,OPEN,2026-03-02T09:00:00+09:00\n' +
        `L-2,통계청,날짜 오류,P2,OPEN,${long}\n`,
    )
    await page.setViewportSize({ width: 1024, height: 768 })
    await openImportWizard(page)
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-summary')).toContainText('2 rows: 1 valid, 1 with errors')
    const problem = page.getByTestId('import-errors').locator('tbody tr').first().locator('td').last()
    await expect(problem).toContainText('created_at')
    // The table fits its box: the problem is not pushed past its right edge, to be scrolled to.
    const table = page.getByTestId('import-errors')
    const overflow = await table.evaluate((el) => {
      const wrap = el.parentElement
      return wrap ? wrap.scrollWidth - wrap.clientWidth : Number.NaN
    })
    expect(overflow).toBeLessThanOrEqual(1)
    const box = await problem.boundingBox()
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1024)
    await page.screenshot({ path: 'test-results/import-wizard-long-value.png' })
  })
})

test('the file line names the encoding as users know it: UTF-8, UTF-8 (BOM), CP949', async ({ page }) => {
  await openImportWizard(page)
  const line = page.getByTestId('import-file')
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  await expect(line).toContainText('canonical-utf8.csv · CSV · UTF-8 · 열 ')
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8-bom.csv'), 'import-choose-other')
  await expect(line).toContainText('canonical-utf8-bom.csv · CSV · UTF-8 (BOM) · 열 15개')
  // Korean Excel's "CSV (쉼표로 분리)": its Korean headers are known aliases.
  await chooseImportFile(page, join(FIXTURES, 'excel-cp949.csv'), 'import-choose-other')
  await expect(line).toContainText('excel-cp949.csv · CSV · CP949 · 열 12개')
})

test('another file can be chosen from the preview; the first one stays if the second cannot be read', async ({
  page,
}) => {
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  // A file that is not one: its name comes with the error, and the preview shown stays.
  await chooseImportFile(page, join(FIXTURES, 'garbage.csv'), 'import-choose-other')
  await expect(page.getByTestId('error-message')).toContainText('garbage.csv')
  await expect(page.getByTestId('import-file')).toContainText('canonical-utf8.csv')
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  // Another layout: its own headers, so the mapping starts over.
  await chooseImportFile(page, join(FIXTURES, 'custom-layout.csv'), 'import-choose-other')
  await expect(page.getByTestId('import-file')).toContainText('custom-layout.csv')
  await expect(page.getByTestId('error-banner')).toHaveCount(0)
  await expect(page.getByTestId('import-map')).toBeVisible()
  await expect(page.getByTestId('map-id')).toHaveValue('Ticket No')
  await expect(page.getByTestId('map-tenant')).toHaveValue('')
})

test('a source name typed after the check needs no new check, is imported under, and named in the result', async ({
  page,
  harness,
}) => {
  // What the wizard asks the core for: the check does not depend on the name, so none is sent with it.
  const calls: { channel: string; body: Record<string, unknown> }[] = []
  page.on('request', (r) => {
    const channel = /\/api\/invoke\/(import:[a-z-]+)$/.exec(r.url())?.[1]
    if (channel && channel !== 'import:sources') calls.push({ channel, body: r.postDataJSON() })
  })
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  await expect(page.getByTestId('import-summary')).toContainText('3행 중 정상 3행, 오류 0행')
  const field = page.getByTestId('import-source-name')
  // Empty is the default name, and the placeholder says so; the hint says when to give one.
  await expect(field).toHaveAttribute('placeholder', '비워 두면 file')
  await expect(page.getByTestId('import-source-note')).toContainText(
    '같은 시스템에서 내보낸 파일은 같은 이름',
  )
  await expect(page.getByTestId('import-run')).toBeEnabled()

  // A name the core would refuse is said under the field; nothing can be imported with it.
  await field.fill('서울시:ITSM')
  await expect(page.getByTestId('import-source-note')).toHaveText('출처 이름에는 ":"를 쓸 수 없습니다')
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('import-run')).toBeDisabled()

  // A name typed after the check: the check still stands (its rows and errors are the same under
  // any name), so the file is imported at once, without checking a large file through again.
  await field.fill('서울시 ITSM')
  await expect(field).not.toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('import-run')).toBeEnabled()
  await expect(page.getByTestId('import-stale')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/import-source-name-field.png', fullPage: true })
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-result')).toContainText('3행을 가져왔습니다')
  await expect(page.getByTestId('import-result-source')).toHaveText(
    '출처 “서울시 ITSM”(import:서울시 ITSM)에 저장했습니다',
  )
  await page.screenshot({ path: 'test-results/import-source-name.png', fullPage: true })
  // One check, when the file was chosen, without a name; the name went with the import only.
  expect(calls).toEqual([
    { channel: 'import:preview', body: { token: expect.any(String) } },
    {
      channel: 'import:run',
      body: {
        token: expect.any(String),
        mapping: expect.anything(),
        sourceName: '서울시 ITSM',
        allowErrors: false,
      },
    },
  ])
  const ws = openWorkspace({ dataDir: harness.dataDir })
  try {
    const sources = ws.store.sqlite
      .prepare('SELECT source, count(*) AS n FROM service_requests GROUP BY source')
      .all() as { source: string; n: number }[]
    expect(sources).toEqual([{ source: 'import:서울시 ITSM', n: 3 }])
  } finally {
    ws.close()
  }

  // The next file offers the name used, with its SR count.
  await page.getByTestId('import-result').getByRole('button').click()
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  await expect(page.getByTestId('import-source-name')).toHaveValue('')
  await expect(page.locator('#import-source-names option')).toHaveCount(1)
  await expect(page.locator('#import-source-names option')).toHaveAttribute('value', '서울시 ITSM')
  await expect(page.locator('#import-source-names option')).toHaveAttribute(
    'label',
    /^SR 3건 · 마지막 가져오기 /,
  )
})

test('the sync log names the source an import kept its rows under, as its result does; a name in other capitals is refused naming the one in use', async ({
  page,
  request,
  harness,
}) => {
  await openImportWizard(page)
  await checkCustomLayout(page)
  await page.getByTestId('value-status-해결됨').selectOption('RESOLVED')
  await page.getByTestId('import-recheck').click()
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  await page.getByTestId('import-run').click()
  // No name given: the result says the default source, and so does the log row beside it.
  await expect(page.getByTestId('import-result-source')).toHaveText('출처 “file”(import:file)에 저장했습니다')
  const logged = page.getByTestId('sync-log').locator('tbody tr').first()
  await expect(logged.getByTestId('sync-log-source')).toHaveText(
    '파일 가져오기 · 출처 “file”custom-layout.csv',
  )
  await expect(logged.getByTestId('sync-log-name')).toHaveAttribute('title', 'file')
  await logged.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/import-log-source-ko.png', fullPage: true })

  // The next export of the same system, its source typed in other capitals: refused, nothing written.
  await page.getByTestId('import-result').getByRole('button').click()
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  await page.getByTestId('import-source-name').fill('File')
  await page.getByTestId('import-run').click()
  await expect(page.getByRole('alert').filter({ hasText: '대소문자만 다른' })).toContainText(
    '출처 이름 “File”: 대소문자만 다른 출처가 이미 있습니다(“file”). 같은 시스템에서 내보낸 파일이면 출처 이름을 “file” 그대로 쓰고',
  )
  await page.screenshot({ path: 'test-results/import-source-lookalike-ko.png', fullPage: true })
  expect(srCount(harness)).toBe(2)

  // In English the row says the same as the English result.
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await page.getByTestId('import-source-name').fill('file')
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-result-source')).toHaveText(
    'Kept under the source “file” (import:file)',
  )
  await expect(logged.getByTestId('sync-log-source')).toHaveText(
    'File import · source “file”canonical-utf8.csv',
  )
  await logged.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/import-log-source-en.png', fullPage: true })
})

test('Check with a required column not mapped takes the keyboard to that column instead of doing nothing', async ({
  page,
}) => {
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'custom-layout.csv'))
  const check = page.getByTestId('import-check')
  await check.focus()
  await page.keyboard.press('Enter')
  // tenant, priority and created_at are required and not matched: the first of them is where to go.
  await expect(page.getByTestId('map-tenant')).toBeFocused()
  await expect(page.getByTestId('map-tenant')).toHaveAttribute('aria-invalid', 'true')
  await page.screenshot({ path: 'test-results/import-wizard-check-unmapped.png' })
  await page.getByTestId('map-tenant').selectOption('Customer')
  await check.click()
  await expect(page.getByTestId('map-priority')).toBeFocused()
  await page.getByTestId('map-priority').selectOption('Urgency')
  await page.getByTestId('map-created_at').selectOption('Opened')
  await page.getByTestId('map-resolved_at').selectOption('Solved')
  await check.click()
  await expect(page.getByTestId('import-summary')).toContainText('오류 1행')
})

test('the required columns not mapped are said in the error colour, not the grey of a hint, in light and dark', async ({
  page,
}) => {
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'custom-layout.csv'))
  const map = page.getByTestId('import-map')
  const missing = map.getByRole('alert')
  await expect(missing).toContainText('필수 열이 연결되지 않았습니다')
  // The test project has no DOM typings: the page's getComputedStyle is reached through the element.
  type StyledWindow = { getComputedStyle(el: unknown): { color: string } }
  const colour = (el: Locator): Promise<string> =>
    el.evaluate(
      (node) => (node.ownerDocument.defaultView as unknown as StyledWindow).getComputedStyle(node).color,
    )
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    // "필수" beside a column is in the theme's danger colour: the message naming them is too.
    const danger = await colour(map.locator('.import-required').first())
    expect(await colour(missing)).toBe(danger)
    expect(await colour(page.getByTestId('import-source-note'))).not.toBe(danger)
    await map.screenshot({ path: `test-results/import-wizard-missing-${scheme}.png` })
  }
})

/** The live regions (status, alert, aria-live) whose text holds `text`: one means it is said once. */
const liveRegionsSaying = (page: Page, text: string): Locator =>
  page.locator('[role="status"], [role="alert"], [aria-live]').filter({ hasText: text })

test('the keyboard lands on each new step’s heading, and the import’s result is announced once', async ({
  page,
}) => {
  await openImportWizard(page)
  const title = page.getByTestId('import-step-title')
  // The open button is gone: the focus is on the first step's heading, not on the page body.
  await expect(title).toHaveText('1단계 · 파일 선택')
  await expect(title).toBeFocused()
  await chooseImportFile(page, join(FIXTURES, 'custom-layout.csv'))
  await expect(title).toHaveText('2단계 · 열 연결')
  await expect(title).toBeFocused()
  await page.getByTestId('map-tenant').selectOption('Customer')
  await page.getByTestId('map-priority').selectOption('Urgency')
  await page.getByTestId('map-created_at').selectOption('Opened')
  await page.getByTestId('map-resolved_at').selectOption('Solved')
  await page.getByTestId('import-check').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('import-summary')).toContainText('오류 1행')
  await expect(title).toHaveText('4단계 · 행 오류')
  await expect(title).toBeFocused()
  await expect(page.getByTestId('import-step-errors')).toHaveAttribute('aria-current', 'step')
  // The result's live region is there before the result (one added with its text may not be read out).
  const status = page.getByTestId('import-result-status')
  await expect(status).toHaveRole('status')
  await expect(status).toHaveText('')
  await page.getByTestId('import-run-valid').focus()
  await page.keyboard.press('Enter')
  await expect(title).toHaveText('5단계 · 결과')
  await expect(title).toBeFocused()
  await expect(status).toContainText('1행을 가져왔습니다')
  await expect(status).toContainText('전체 2행 중 오류가 있는 1행은 가져오지 않았습니다')
  await expect(liveRegionsSaying(page, '1행을 가져왔습니다')).toHaveCount(1)
  await expect(page.getByTestId('import-result-alert')).toHaveText('')
  // There were row errors: that step was gone through.
  await expect(page.getByTestId('import-step-errors')).toHaveClass('done')
  await page.screenshot({ path: 'test-results/import-wizard-result-focus.png' })
  // Back to the first step: its heading again.
  await page.getByTestId('import-result').getByRole('button').click()
  await expect(title).toHaveText('1단계 · 파일 선택')
  await expect(title).toBeFocused()
  // Closed, the wizard gives its place (and the focus) back to the button that opens it.
  await page.getByTestId('import-close').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('import-open')).toBeFocused()
})

test('an import refused for its rows is announced as an alert, once', async ({ page }) => {
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  // The file changed between the check and the import (the core checks it again and refuses it).
  await page.route('**/api/invoke/import:run', (route) =>
    route.fulfill({
      json: {
        ok: true,
        data: {
          status: 'rejected',
          sourceName: 'file',
          rowCount: 3,
          written: 0,
          skippedStale: 0,
          errorCount: 2,
          errorsTotal: 2,
          errors: [],
          watermark: null,
        },
      },
    }),
  )
  await page.getByTestId('import-run').click()
  const alert = page.getByTestId('import-result-alert')
  await expect(alert).toHaveRole('alert')
  await expect(alert).toHaveText('2행에 오류가 있어 아무것도 쓰지 않았습니다')
  await expect(liveRegionsSaying(page, '아무것도 쓰지 않았습니다')).toHaveCount(1)
  await expect(page.getByTestId('import-result-status')).toHaveText('')
  await expect(page.getByTestId('import-step-title')).toBeFocused()
})

test('a check without row errors shows that step as skipped (“행 오류 없음”), not as done', async ({
  page,
  request,
  harness,
}) => {
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  const errorsStep = page.getByTestId('import-step-errors')
  await expect(errorsStep).toHaveText('행 오류 없음')
  await expect(errorsStep).toHaveClass('skipped')
  await expect(page.getByTestId('import-step-preview')).toHaveClass('active')
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-result')).toContainText('3행을 가져왔습니다')
  await expect(errorsStep).toHaveText('행 오류 없음')
  await expect(errorsStep).toHaveClass('skipped')
  await expect(page.getByTestId('import-step-preview')).toHaveClass('done')
  await page.getByTestId('import-steps-list').screenshot({ path: 'test-results/import-steps-skipped-ko.png' })

  // The same in English (the workspace has data now: no demo offer on the way).
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await openReady(page, '/')
  await page.getByTestId('nav-sync').click()
  await page.getByTestId('import-open').click()
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  await expect(page.getByTestId('import-summary')).toContainText('3 rows: 3 valid, 0 with errors')
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-step-title')).toHaveText('Step 5: Result')
  await expect(errorsStep).toHaveText('No row errors')
  await expect(errorsStep).toHaveClass('skipped')
  await page.getByTestId('import-steps-list').screenshot({ path: 'test-results/import-steps-skipped-en.png' })
})

test('the check’s summary and the import’s result figures are in the text colour, not the grey of a hint', async ({
  page,
}) => {
  // The test project has no DOM typings: the page's getComputedStyle is reached through the element.
  type StyledWindow = { getComputedStyle(el: unknown): { color: string } }
  const colour = (el: Locator): Promise<string> =>
    el.evaluate(
      (node) => (node.ownerDocument.defaultView as unknown as StyledWindow).getComputedStyle(node).color,
    )
  /** The theme's text colour, as the page computes it (a probe styled `color: var(--text)`). */
  const textColour = (): Promise<string> =>
    page.getByTestId('import-wizard').evaluate((wizard) => {
      const doc = wizard.ownerDocument
      const probe = doc.createElement('span')
      probe.style.color = 'var(--text)'
      wizard.appendChild(probe)
      const c = (doc.defaultView as unknown as StyledWindow).getComputedStyle(probe).color
      probe.remove()
      return c
    })
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'bad-dates.csv'))
  const summary = page.getByTestId('import-summary')
  await expect(summary).toContainText('5행 중 정상 1행, 오류 4행')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    const text = await textColour()
    expect(await colour(summary)).toBe(text)
    // The file line beside it is a muted hint, and stays one.
    expect(await colour(page.getByTestId('import-file'))).not.toBe(text)
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.getByTestId('import-run-valid').click()
  await expect(page.getByTestId('import-result')).toContainText('1행을 가져왔습니다')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    const text = await textColour()
    const lines = page.getByTestId('import-result-status').locator('p')
    await expect(lines).toHaveCount(3)
    for (const line of await lines.all()) expect(await colour(line), await line.innerText()).toBe(text)
    await page
      .getByTestId('import-wizard')
      .screenshot({ path: `test-results/import-result-colour-${scheme}.png` })
  }
})

test('in English, one row is said in the singular and thousands are grouped, at the smallest window', async ({
  page,
  request,
  harness,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await page.setViewportSize({ width: 960, height: 600 })
  await withTempDir(async (dir) => {
    const one = join(dir, 'one-good-one-bad.csv')
    await writeFile(
      one,
      'id,tenant,title,priority,status,created_at\n' +
        'E-1,통계청,정상,P2,OPEN,2026-03-02T09:00:00+09:00\n' +
        'E-2,통계청,날짜 오류,P2,OPEN,2026-13-45\n',
    )
    await openImportWizard(page)
    await chooseImportFile(page, one)
    const wizard = page.getByTestId('import-wizard')
    await expect(page.getByTestId('import-summary')).toHaveText('2 rows: 1 valid, 1 with errors')
    await expect(page.getByTestId('import-file')).toContainText('· 6 columns')
    await expect(wizard.getByRole('heading', { name: 'First row', exact: true })).toBeVisible()
    await expect(wizard.getByRole('heading', { name: '1 row error', exact: true })).toBeVisible()
    await expect(page.getByTestId('import-run-valid')).toHaveText('Import the valid row only (1)')
    await page.getByTestId('import-save-errors').click()
    await expect(page.getByTestId('import-errors-saved')).toContainText('1 row error exported as a CSV file')
    await page.screenshot({ path: 'test-results/import-wizard-en-singular-preview.png' })
    await page.getByTestId('import-run-valid').click()
    await expect(page.getByTestId('import-result-status')).toContainText('1 row imported')
    await expect(page.getByTestId('import-result-left-out')).toHaveText(
      '1 of the file’s 2 rows has errors and was not imported',
    )
    await page.screenshot({ path: 'test-results/import-wizard-en-singular-result.png' })

    // A larger file: the counts keep the English grouping; the source imported into says its one SR.
    const many = join(dir, 'many.csv')
    await writeGeneratedCsv(many, 1234)
    await page.getByTestId('import-result').getByRole('button').click()
    await chooseImportFile(page, many)
    await expect(page.getByTestId('import-summary')).toHaveText('1,234 rows: 1,234 valid, 0 with errors')
    await expect(page.locator('#import-source-names option[value="file"]')).toHaveAttribute(
      'label',
      /^1 SR · last imported /,
    )
    await page.getByTestId('import-run').click()
    await expect(page.getByTestId('import-result-status')).toContainText('1,234 rows imported')
    await page.screenshot({ path: 'test-results/import-wizard-en-grouped-result.png' })
  })
})

/** Holds the next requests to `channel` until they are answered with `answer`. */
async function holdRequests(
  page: Page,
  channel: string,
): Promise<{ answer: (json: unknown) => Promise<void> }> {
  const held: Route[] = []
  await page.route(`**/api/invoke/${channel}`, (route) => {
    held.push(route)
  })
  return {
    answer: async (json) => {
      await expect.poll(() => held.length).toBeGreaterThan(0)
      for (const route of held.splice(0)) await route.fulfill({ json })
      await page.unroute(`**/api/invoke/${channel}`)
    },
  }
}

test('a cancelled check or import is said in a live region that was there before, once', async ({ page }) => {
  await openImportWizard(page)
  // The region is there, empty, before anything is said; marked to tell it from one added later.
  const region = page.getByTestId('import-notice-status')
  await expect(region).toHaveRole('status')
  await expect(region).toHaveText('')
  await region.evaluate((el) => el.setAttribute('data-mark', 'before'))

  // A check cancelled while it runs (held, so Cancel comes first): it fails, and is said cancelled.
  const preview = await holdRequests(page, 'import:preview')
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  await page.getByTestId('import-cancel').click()
  await preview.answer({ ok: false, error: { code: 'CANCELLED', message: 'The file check was cancelled' } })
  await expect(region).toHaveText('파일 확인을 취소했습니다.')
  await expect(region).toHaveAttribute('data-mark', 'before')
  await expect(liveRegionsSaying(page, '취소했습니다')).toHaveCount(1)
  await page.screenshot({ path: 'test-results/import-check-cancelled-notice.png' })

  // An import cancelled while it runs.
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  await expect(region).toHaveText('')
  const run = await holdRequests(page, 'import:run')
  await page.getByTestId('import-run').click()
  await page.getByTestId('import-cancel').click()
  await run.answer({
    ok: true,
    data: {
      status: 'cancelled',
      sourceName: 'file',
      rowCount: 3,
      written: 0,
      skippedStale: 0,
      errorCount: 0,
      errorsTotal: 0,
      errors: [],
      watermark: null,
    },
  })
  await expect(region).toHaveText('가져오기를 취소했습니다. 아무것도 쓰지 않았습니다.')
  await expect(region).toHaveAttribute('data-mark', 'before')
  await expect(liveRegionsSaying(page, '취소했습니다')).toHaveCount(1)
  await expect(page.getByTestId('import-result-status')).toHaveText('')
})

test('while the file dialog is open nothing is being checked: the progress shows once a file is chosen', async ({
  page,
}) => {
  await openImportWizard(page)
  const preview = await holdRequests(page, 'import:preview')
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('import-choose').click()
  const dialog = await chooser
  // The dialog is open: no "파일 확인 중" with a Cancel that would cancel nothing; no second dialog.
  await expect(page.getByTestId('import-progress')).toHaveCount(0)
  await expect(page.getByTestId('import-choose')).toBeDisabled()
  await page.screenshot({ path: 'test-results/import-dialog-open.png' })
  await dialog.setFiles(join(FIXTURES, 'canonical-utf8.csv'))
  // Chosen: its check runs, and says so.
  await expect(page.getByTestId('import-progress')).toContainText('파일 확인 중')
  await expect(page.getByTestId('import-cancel')).toBeEnabled()
  await preview.answer({ ok: false, error: { code: 'INTERNAL', message: 'stopped by the test' } })
  await expect(page.getByTestId('import-progress')).toHaveCount(0)
})

test('a workbook with a title block above its table: the header below it is read, and the preview says which row it is', async ({
  page,
  request,
  harness,
}) => {
  await withTempDir(async (dir) => {
    const path = join(dir, '2026년-3월-처리현황.xlsx')
    await writeTitleBlockWorkbook(path)
    await openImportWizard(page)
    await chooseImportFile(page, path)
    // The columns below the title, all known: straight to the check, rows numbered as in Excel.
    await expect(page.getByTestId('import-summary')).toContainText('4행 중 정상 3행, 오류 1행')
    await expect(page.getByTestId('import-header-row')).toHaveText(
      '머리글: 4행 (위의 3행은 제목으로 보고 건너뜀)',
    )
    await expect(page.getByTestId('import-file')).toContainText('시트 “3월 현황” · 열 11개')
    const sampleRows = page.getByTestId('import-preview').locator('table').first().locator('tbody tr')
    await expect(sampleRows.locator('td:first-child')).toHaveText(['5', '6', '8'])
    await expect(sampleRows.first()).toContainText('전자결재 시스템 응답 지연')
    const errorRow = page.getByTestId('import-errors').locator('tbody tr')
    await expect(errorRow).toHaveCount(1)
    await expect(errorRow.locator('td').first()).toHaveText('7')
    await expect(errorRow).toContainText('접수일시')
    await page.screenshot({ path: 'test-results/import-wizard-title-block-ko.png', fullPage: true })
    await errorRow.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/import-wizard-title-block-ko-errors.png' })
    // The column step shows it too: the columns offered are the header's, not the title.
    await page.getByRole('button', { name: '열 연결', exact: true }).click()
    await expect(page.getByTestId('import-header-row')).toBeVisible()
    await expect(page.getByTestId('map-id')).toHaveValue('요청번호')
    expect(await page.getByTestId('map-id').locator('option').allTextContents()).not.toContain(TITLE)
    await page.screenshot({ path: 'test-results/import-wizard-title-block-ko-map.png' })
  })
  // In English, once the file has been chosen again.
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await withTempDir(async (dir) => {
    const path = join(dir, 'report.xlsx')
    await writeTitleBlockWorkbook(path)
    // The demo was declined already: the Sync screen's wizard straight away.
    await openReady(page, '/')
    await page.getByTestId('nav-sync').click()
    await page.getByTestId('import-open').click()
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-header-row')).toHaveText(
      'Header: row 4 (the 3 rows above it were taken as a title and skipped)',
    )
    await page.screenshot({ path: 'test-results/import-wizard-title-block-en.png' })
  })
})

test('a workbook whose column names span two rows: both are the header, and the preview says so', async ({
  page,
  request,
  harness,
}) => {
  await withTempDir(async (dir) => {
    const path = join(dir, '3월-처리현황-2단.xlsx')
    await writeTwoRowHeaderWorkbook(path, GROUPED_TIMES)
    await openImportWizard(page)
    await chooseImportFile(page, path)
    // The names under "일시" and "처리" are the columns; row 5 is no data row.
    await expect(page.getByTestId('import-summary')).toContainText('4행 중 정상 3행, 오류 1행')
    await expect(page.getByTestId('import-header-row')).toHaveText(
      '머리글: 4–5행 (위의 3행은 제목으로 보고 건너뜀)',
    )
    await expect(page.getByLabel('머리글 행')).toHaveValue('4')
    // The file line and the row list name both rows, not row 4 alone.
    await expect(page.getByTestId('import-file')).toContainText('· 머리글 4–5행')
    await expect(page.getByLabel('머리글 행').locator('option:checked')).toHaveText(/^4–5행: /)
    const sampleRows = page.getByTestId('import-preview').locator('table').first().locator('tbody tr')
    await expect(sampleRows.locator('td:first-child')).toHaveText(['6', '7', '9'])
    await expect(page.getByTestId('import-errors').locator('tbody tr td:first-child')).toHaveText(['8'])
    await page.screenshot({ path: 'test-results/import-wizard-two-row-header-ko.png', fullPage: true })
    await page.getByRole('button', { name: '열 연결', exact: true }).click()
    await expect(page.getByTestId('map-created_at')).toHaveValue('접수일시')
    await expect(page.getByTestId('map-resolved_at')).toHaveValue('해결일시')
    await expect(page.getByTestId('map-assignee')).toHaveValue('담당자')
  })
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await withTempDir(async (dir) => {
    const path = join(dir, 'two-row-header.xlsx')
    await writeTwoRowHeaderWorkbook(path, GROUPED_TIMES, { title: false })
    await openReady(page, '/')
    await page.getByTestId('nav-sync').click()
    await page.getByTestId('import-open').click()
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-header-row')).toHaveText(
      'Header: rows 1–2 (column names over two rows)',
    )
    await expect(page.getByTestId('import-file')).toContainText('· header: rows 1–2')
    await expect(page.getByTestId('import-summary')).toBeVisible()
    await page.screenshot({ path: 'test-results/import-wizard-two-row-header-en.png', fullPage: true })
  })
})

test('a file whose header is its first row says no title was skipped, only its header row', async ({
  page,
}) => {
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'excel-cp949.csv'))
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  await expect(page.getByTestId('import-header-row')).toHaveCount(0)
  await expect(page.getByTestId('import-file')).toHaveText(
    'excel-cp949.csv · CSV · CP949 · 열 12개 · 머리글 1행',
  )
})

test('a file with column names of its own below a title: the header row is chosen, and the column step offers that row’s names', async ({
  page,
  request,
  harness,
}) => {
  await withTempDir(async (dir) => {
    const path = join(dir, '요청목록.xlsx')
    await writeOwnHeadersWorkbook(path)
    await openImportWizard(page)
    await chooseImportFile(page, path)
    // Nothing known: the title was taken as the header, and the wizard says so next to the list.
    await expect(page.getByTestId('import-step-title')).toHaveText('2단계 · 열 연결')
    await expect(page.getByTestId('import-header-fallback')).toHaveText(
      '열 이름을 알아보지 못해 첫 행을 머리글로 했습니다. 다르면 머리글 행을 고르세요.',
    )
    const headerRow = page.getByLabel('머리글 행')
    await expect(headerRow).toHaveValue('1')
    await expect(headerRow).toHaveAccessibleDescription(/열 이름을 알아보지 못해/)
    // Each non-blank row by its first cells (the merged title once); the blank row 2 is not offered.
    await expect(headerRow.locator('option')).toHaveText([
      `1행: ${OWN_TITLE}`,
      '3행: Ref · Customer · Subject · Urgency · Stage · Opened',
      '4행: T-1 · 통계청 · 포털 로그인 오류 · P1 · OPEN · 2026-03-06 09:00',
      '5행: T-2 · 통계청 · 계정 잠금 해제 · P3 · IN_PROGRESS · 2026-03-06 10:30',
      '6행: T-3 · 조달청 · 인증서 갱신 · P2 · OPEN · 어제 오후',
    ])
    expect(await page.getByTestId('map-id').locator('option').allTextContents()).toContain(OWN_TITLE)
    await page.screenshot({ path: 'test-results/import-wizard-header-row-fallback-ko.png' })

    // Chosen with the keyboard: the file is read again with row 3 as its header.
    await headerRow.focus()
    await headerRow.selectOption('3')
    await expect(page.getByTestId('import-header-row')).toHaveText(
      '머리글: 3행 (위의 2행은 제목으로 보고 건너뜀)',
    )
    await expect(page.getByTestId('import-header-fallback')).toHaveCount(0)
    await expect(headerRow).toHaveValue('3')
    await expect(page.getByTestId('import-file')).toContainText('시트 “요청” · 열 6개')
    expect(await page.getByTestId('map-id').locator('option').allTextContents()).toEqual([
      '(연결 안 함)',
      'Ref',
      'Customer',
      'Subject',
      'Urgency',
      'Stage',
      'Opened',
    ])
    await page.screenshot({ path: 'test-results/import-wizard-header-row-chosen-ko.png' })

    // Mapped and checked: rows keep the file's numbers, and the chosen row stays the header.
    await page.getByTestId('map-id').selectOption('Ref')
    await page.getByTestId('map-tenant').selectOption('Customer')
    await page.getByTestId('map-title').selectOption('Subject')
    await page.getByTestId('map-priority').selectOption('Urgency')
    await page.getByTestId('map-status').selectOption('Stage')
    await page.getByTestId('map-created_at').selectOption('Opened')
    await page.getByTestId('import-check').click()
    await expect(page.getByTestId('import-summary')).toContainText('3행 중 정상 2행, 오류 1행')
    const sampleRows = page.getByTestId('import-preview').locator('table').first().locator('tbody tr')
    await expect(sampleRows.locator('td:first-child')).toHaveText(['4', '5'])
    await expect(page.getByTestId('import-errors').locator('tbody tr td:first-child')).toHaveText(['6'])
    await expect(headerRow).toHaveValue('3')
    await page.screenshot({ path: 'test-results/import-wizard-header-row-checked-ko.png', fullPage: true })
    await page.getByTestId('import-run-valid').click()
    await expect(page.getByTestId('import-result-status')).toContainText('2행을 가져왔습니다')
  })
  // In English, the list and the word beside it.
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await withTempDir(async (dir) => {
    const path = join(dir, 'requests.xlsx')
    await writeOwnHeadersWorkbook(path)
    await openReady(page, '/')
    await page.getByTestId('nav-sync').click()
    await page.getByTestId('import-open').click()
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-header-fallback')).toHaveText(
      'No column names were recognised, so the first row was taken as the header. If they are on another row, choose it as the header row.',
    )
    const headerRow = page.getByLabel('Header row')
    await expect(headerRow.locator('option').nth(1)).toHaveText(
      'Row 3: Ref · Customer · Subject · Urgency · Stage · Opened',
    )
    await headerRow.selectOption('3')
    await expect(page.getByTestId('import-header-row')).toHaveText(
      'Header: row 3 (the 2 rows above it were taken as a title and skipped)',
    )
    await page.screenshot({ path: 'test-results/import-wizard-header-row-en.png' })
    // At the smallest window, a long row's text stays within the wizard (the list is cut, not the page).
    await page.setViewportSize({ width: 960, height: 600 })
    await headerRow.selectOption('1')
    // Row 1 asked for: read as asked, so neither a title skipped nor a guess to own up to.
    await expect(page.getByTestId('import-header-row')).toHaveCount(0)
    await expect(page.getByTestId('import-header-fallback')).toHaveCount(0)
    await expect(headerRow).toHaveValue('1')
    await expect(headerRow).toBeEnabled()
    const list = await headerRow.boundingBox()
    const wizard = await page.getByTestId('import-wizard').boundingBox()
    expect(list!.x + list!.width).toBeLessThanOrEqual(wizard!.x + wizard!.width)
    await headerRow.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/import-wizard-header-row-en-960.png' })
  })
})

test('in English at the smallest window, the column step of a workbook with a title block fits: the header line whole, no sideways scroll, its buttons on one row', async ({
  page,
  request,
  harness,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await page.setViewportSize({ width: 960, height: 600 })
  await withTempDir(async (dir) => {
    const path = join(dir, '2026-03-seoul-metropolitan-government-service-request-report.xlsx')
    await writeTitleBlockWorkbook(path)
    await openImportWizard(page)
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-summary')).toBeVisible()
    await page.getByRole('button', { name: 'Map columns', exact: true }).click()
    const header = page.getByTestId('import-header-row')
    await expect(header).toHaveText('Header: row 4 (the 3 rows above it were taken as a title and skipped)')
    await expect(page.getByTestId('map-id')).toBeVisible()
    const main = page.locator('.shell-main')
    await page.getByTestId('import-file').scrollIntoViewIfNeeded()
    await main.screenshot({ path: 'test-results/import-wizard-map-en-960.png' })
    await page.getByTestId('import-check').scrollIntoViewIfNeeded()
    await main.screenshot({ path: 'test-results/import-wizard-map-en-960-bottom.png' })

    const html = page.locator('html')
    expect(
      await html.evaluate((h) => h.scrollWidth - (h.ownerDocument.defaultView?.innerWidth ?? 0)),
    ).toBeLessThanOrEqual(0)
    // The file line and the header line are not cut off.
    for (const id of ['import-file', 'import-header-row']) {
      const cut = await page.getByTestId(id).evaluate((el) => el.scrollWidth - el.clientWidth)
      expect(cut, id).toBeLessThanOrEqual(0)
    }
    // Every column's choice inside the wizard's panel.
    const panelRight = await page
      .getByTestId('import-check')
      .evaluate((el) => el.closest('section')?.getBoundingClientRect().right ?? 0)
    for (const select of await page.locator('[data-testid^="map-"]').all()) {
      const box = await select.boundingBox()
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(panelRight)
    }
  })
})

test('the file line says which row was read as the header, and the list to change it is the next stop of the keyboard', async ({
  page,
  request,
  harness,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await withTempDir(async (dir) => {
    const path = join(dir, '요청목록.xlsx')
    await writeOwnHeadersWorkbook(path)
    await openImportWizard(page)
    // Before a file: where the header row will be said and changed.
    await expect(page.getByTestId('import-choose-header-hint')).toHaveText(
      '파일을 고르면 머리글로 읽은 행을 파일 이름 옆에 보여 줍니다. 다른 행이면 바로 아래 “머리글 행”에서 고르세요.',
    )
    await page.screenshot({ path: 'test-results/import-wizard-file-header-choose-ko.png' })
    await chooseImportFile(page, path)
    // The title was taken: the file line says row 1, where the file is first described.
    await expect(page.getByTestId('import-file')).toHaveText(
      '요청목록.xlsx · XLSX · 시트 “요청” · 열 6개 · 머리글 1행',
    )
    // From "다른 파일 선택…" the next Tab is the header row's list.
    await page.getByTestId('import-choose-other').focus()
    await page.keyboard.press('Tab')
    await expect(page.getByLabel('머리글 행')).toBeFocused()
    await page.screenshot({ path: 'test-results/import-wizard-file-header-ko.png' })
    await page.getByLabel('머리글 행').selectOption('3')
    await expect(page.getByTestId('import-file')).toHaveText(
      '요청목록.xlsx · XLSX · 시트 “요청” · 열 6개 · 머리글 3행',
    )
    await page.getByTestId('map-id').selectOption('Ref')
    await page.getByTestId('map-tenant').selectOption('Customer')
    await page.getByTestId('map-title').selectOption('Subject')
    await page.getByTestId('map-priority').selectOption('Urgency')
    await page.getByTestId('map-status').selectOption('Stage')
    await page.getByTestId('map-created_at').selectOption('Opened')
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-run-valid').click()
    await expect(page.getByTestId('import-result-status')).toContainText('2행을 가져왔습니다')
    // The result still says which row was the header.
    await expect(page.getByTestId('import-file')).toContainText('머리글 3행')
  })
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await page.setViewportSize({ width: 960, height: 700 })
  await withTempDir(async (dir) => {
    const path = join(dir, 'report.xlsx')
    await writeTitleBlockWorkbook(path)
    await openReady(page, '/')
    await page.getByTestId('nav-sync').click()
    await page.getByTestId('import-open').click()
    await expect(page.getByTestId('import-choose-header-hint')).toHaveText(
      'Once a file is chosen, the row read as its header is shown next to its name. If it is the wrong row, choose another under “Header row” just below.',
    )
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-file')).toHaveText(
      'report.xlsx · XLSX · sheet “3월 현황” · 11 columns · header: row 4',
    )
    const cut = await page.getByTestId('import-file').evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(cut).toBeLessThanOrEqual(0)
    await page.getByTestId('import-file').scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/import-wizard-file-header-en-960.png' })
    // A CSV file whose header is its first row says so as well.
    await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'), 'import-choose-other')
    await expect(page.getByTestId('import-file')).toContainText('· header: row 1')
  })
})

test('in English at the smallest window, the preview’s buttons keep each label on one line, going on to a second row', async ({
  page,
  request,
  harness,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await page.setViewportSize({ width: 960, height: 700 })
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'custom-layout.csv'))
  await page.getByTestId('map-tenant').selectOption('Customer')
  await page.getByTestId('map-priority').selectOption('Urgency')
  await page.getByTestId('map-created_at').selectOption('Opened')
  await page.getByTestId('map-resolved_at').selectOption('Solved')
  await page.getByTestId('import-check').click()
  await expect(page.getByTestId('import-summary')).toContainText('2 rows: 1 valid, 1 with errors')
  const actions = page.getByTestId('import-run').locator('xpath=..')
  await expect(actions.getByRole('button')).toHaveText([
    'Map columns',
    'Check',
    'Import',
    'Save the error list (CSV)',
    'Import the valid row only (1)',
  ])
  // Every label on one line (its text's boxes all on one top), and no button past the wizard's edge.
  const lines = await actions.getByRole('button').evaluateAll((buttons) =>
    buttons.map((b) => {
      const range = b.ownerDocument.createRange()
      range.selectNodeContents(b)
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size
    }),
  )
  expect(lines).toEqual([1, 1, 1, 1, 1])
  const wizard = (await page.getByTestId('import-wizard').boundingBox())!
  for (const button of await actions.getByRole('button').all()) {
    const box = (await button.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(wizard.x + wizard.width)
    expect(await button.evaluate((b) => b.scrollWidth - b.clientWidth)).toBeLessThanOrEqual(0)
  }
  await page.getByTestId('import-run-valid').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/import-wizard-preview-buttons-en-960.png' })
})

// E2E: Settings → Connections used with the keyboard only, at the Settings window's minimum size
// (720×520, src/main/shell/windows.ts), in Korean and English, against the real core.
import { mkdir } from 'node:fs/promises'
import type { APIRequestContext, Page } from '@playwright/test'
import { startItsmSimulator } from '../../src/main/simulators/itsm/server'
import { expect, openReady, test, type Harness } from './fixtures'

const MIN = { width: 720, height: 520 }
const TOKEN = 'e2e-conn-token-51d2'

async function sources(request: APIRequestContext, harness: Harness): Promise<{ name: string }[]> {
  const r = await request.post(`${harness.url}/api/invoke/sources:list`, { data: {} })
  return ((await r.json()) as { data: { name: string }[] }).data
}

/** The note under a field of the form (its error or hint). */
const noteOf = (page: Page, id: string) =>
  page.getByTestId('connection-form').locator(`#${id}`).locator('xpath=..').locator('.field-error')

test.beforeAll(async () => {
  await mkdir('test-results', { recursive: true })
})

test('with the keyboard only: Enter on an empty form says each missing field under it in Korean, Escape cancels', async ({
  page,
  request,
  harness,
}) => {
  await page.setViewportSize(MIN)
  await openReady(page, '/settings.html')
  const add = page.getByTestId('connection-add')
  await add.focus()
  await page.keyboard.press('Enter')
  await expect(page.locator('#conn-kind')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.locator('#conn-name')).toBeFocused()
  // Enter in the empty form: no browser bubble, the app's own words under each field, the focus on the first.
  await page.keyboard.press('Enter')
  await expect(noteOf(page, 'conn-name')).toContainText('영문 소문자나 숫자로 시작하는')
  await expect(noteOf(page, 'conn-url')).toContainText('http:// 또는 https://로 시작하는 전체 주소')
  await expect(noteOf(page, 'conn-secret')).toHaveText('토큰을 입력하세요')
  await expect(page.locator('#conn-name')).toBeFocused()
  await expect(page.locator('#conn-secret')).toHaveAttribute('aria-invalid', 'true')
  await page.screenshot({ path: 'test-results/connections-ko-720-empty.png' })
  // An address without its scheme is said under the address, which gets the focus.
  await page.keyboard.type('prod')
  await page.keyboard.press('Tab')
  await page.keyboard.type('itsm.example.go.kr')
  await page.keyboard.press('Enter')
  await expect(noteOf(page, 'conn-url')).toContainText('http:// 또는 https://로 시작하는 전체 주소')
  await expect(page.locator('#conn-url')).toBeFocused()
  expect(await sources(request, harness)).toEqual([])
  // Escape leaves the form, nothing saved, the focus back on "연결 추가".
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('connection-form')).toHaveCount(0)
  await expect(add).toBeFocused()
  expect(await sources(request, harness)).toEqual([])
})

test('in English, a ServiceNow connection without its user, password or proxy password is refused under each field; a taken name under the name', async ({
  page,
  request,
  harness,
}) => {
  const added = await request.post(`${harness.url}/api/invoke/sources:add`, {
    data: { kind: 'itsm', name: 'prod', url: 'https://itsm.example.go.kr', token: 'x' },
  })
  expect(await added.json()).toMatchObject({ ok: true })
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await page.setViewportSize(MIN)
  await openReady(page, '/settings.html')
  await page.getByTestId('connection-add').focus()
  await page.keyboard.press('Enter')
  await page.locator('#conn-kind').selectOption('servicenow')
  await page.locator('#conn-name').fill('sn')
  await page.locator('#conn-url').fill('https://dev1.service-now.com')
  await page.getByTestId('conn-proxy').fill('http://proxy.example.go.kr:8080')
  await page.getByTestId('conn-proxy-user').fill('ops')
  await page.getByTestId('conn-proxy-user').press('Enter')
  await expect(noteOf(page, 'conn-user')).toHaveText('Enter the user name')
  await expect(noteOf(page, 'conn-secret')).toHaveText('Enter the password')
  await expect(noteOf(page, 'conn-proxy-password')).toContainText("Enter the proxy user's password")
  await expect(page.locator('#conn-user')).toBeFocused()
  await page.screenshot({ path: 'test-results/connections-en-720-servicenow.png' })
  // Switched to a token, the same field asks for the token.
  await page.locator('#conn-auth').selectOption('bearer')
  await page.getByTestId('conn-proxy-password').fill('proxy-pw')
  await page.getByTestId('conn-proxy-password').press('Enter')
  await expect(noteOf(page, 'conn-secret')).toHaveText('Enter the token')
  await expect(noteOf(page, 'conn-proxy-password')).toHaveCount(0)
  await expect(page.locator('#conn-secret')).toBeFocused()
  expect(await sources(request, harness)).toHaveLength(1)

  // A name another connection has: said under the name, which gets the focus.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Enter')
  await page.locator('#conn-name').fill('prod')
  await page.locator('#conn-url').fill('https://other.example.go.kr')
  await page.getByTestId('conn-secret').fill('tok')
  await page.getByTestId('conn-secret').press('Enter')
  await expect(noteOf(page, 'conn-name')).toHaveText(
    'A connection of this name exists already: choose another name',
  )
  await expect(page.locator('#conn-name')).toBeFocused()
  await expect(page.getByTestId('connection-form').getByTestId('error-banner')).toHaveCount(0)
})

test('a ServiceNow connection is asked for an instance address: its example and its refusal name one, in Korean and English', async ({
  page,
  request,
  harness,
}) => {
  await page.setViewportSize(MIN)
  await openReady(page, '/settings.html')
  await page.getByTestId('connection-add').focus()
  await page.keyboard.press('Enter')
  const url = page.locator('#conn-url')
  await expect(url).toHaveAttribute('placeholder', 'https://itsm.example.go.kr')
  await page.locator('#conn-kind').selectOption('servicenow')
  await expect(url).toHaveAttribute('placeholder', 'https://example.service-now.com')
  await page.locator('#conn-name').fill('sn')
  // The instance's host without its scheme, as it is often copied.
  await url.fill('acme.service-now.com')
  await url.press('Enter')
  await expect(noteOf(page, 'conn-url')).toHaveText(
    'http:// 또는 https://로 시작하는 ServiceNow 인스턴스 주소를 입력하세요 (예: https://example.service-now.com)',
  )
  await expect(url).toBeFocused()
  await noteOf(page, 'conn-url').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/connections-ko-720-servicenow-url.png' })
  expect(await sources(request, harness)).toEqual([])
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await openReady(page, '/settings.html')
  await page.getByTestId('connection-add').click()
  await page.locator('#conn-kind').selectOption('servicenow')
  await page.locator('#conn-name').fill('sn')
  await url.fill('acme.service-now.com')
  await url.press('Enter')
  await expect(noteOf(page, 'conn-url')).toHaveText(
    "Give the instance's address starting with http:// or https:// (e.g. https://example.service-now.com)",
  )
  // Back to ITSM REST: the ITSM example again.
  await page.locator('#conn-kind').selectOption('itsm')
  await expect(url).toHaveAttribute('placeholder', 'https://itsm.example.go.kr')
})

test('with the keyboard only: removing a connection asks in the app’s dialog; Escape and Cancel keep it and give the focus back, Remove removes it', async ({
  page,
  request,
  harness,
}) => {
  for (const name of ['prod', 'stage']) {
    const added = await request.post(`${harness.url}/api/invoke/sources:add`, {
      data: { kind: 'itsm', name, url: 'https://itsm.example.go.kr', token: TOKEN },
    })
    expect(await added.json()).toMatchObject({ ok: true })
  }
  await page.setViewportSize(MIN)
  await openReady(page, '/settings.html')
  const removeProd = page.getByTestId('connection-prod').getByRole('button', { name: 'prod 삭제' })
  await removeProd.focus()
  await page.keyboard.press('Enter')
  // A modal alert dialog named by its title and described by what happens to the secrets and the SRs.
  const dialog = page.getByRole('alertdialog', { name: '연결 삭제' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toHaveAttribute('aria-modal', 'true')
  await expect(dialog).toHaveAccessibleDescription(
    '"prod" 연결을 삭제할까요? 저장된 토큰과 비밀번호도 함께 삭제됩니다. 이미 가져온 SR은 남으며, 같은 연결을 다시 추가하면 처음부터 다시 동기화합니다.',
  )
  // The focus is inside, on Cancel first; Tab and Shift+Tab go round its two buttons.
  const cancel = dialog.getByRole('button', { name: '취소' })
  const confirm = dialog.getByRole('button', { name: '삭제' })
  await expect(cancel).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(confirm).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(cancel).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(confirm).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(cancel).toBeFocused()
  await page.screenshot({ path: 'test-results/connections-ko-720-remove-dialog.png' })
  // Escape cancels: nothing removed, the focus back on the button that asked.
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(removeProd).toBeFocused()
  expect((await sources(request, harness)).map((s) => s.name)).toEqual(['prod', 'stage'])
  // So does Cancel.
  await page.keyboard.press('Enter')
  await expect(cancel).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(removeProd).toBeFocused()
  expect((await sources(request, harness)).map((s) => s.name)).toEqual(['prod', 'stage'])
  // Remove removes that connection only; the focus goes to "연결 추가".
  await page.keyboard.press('Enter')
  await expect(cancel).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('connection-prod')).toHaveCount(0)
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('connection-add')).toBeFocused()
  expect((await sources(request, harness)).map((s) => s.name)).toEqual(['stage'])
  await expect(page.getByTestId('connection-stage')).toBeVisible()
})

test('in English, the removal dialog says what becomes of the secrets and the data', async ({
  page,
  request,
  harness,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  const added = await request.post(`${harness.url}/api/invoke/sources:add`, {
    data: { kind: 'itsm', name: 'prod', url: 'https://itsm.example.go.kr', token: TOKEN },
  })
  expect(await added.json()).toMatchObject({ ok: true })
  await page.setViewportSize(MIN)
  await openReady(page, '/settings.html')
  await page.getByRole('button', { name: 'Remove prod' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Remove connection' })
  await expect(dialog).toContainText(
    'Remove the connection "prod"? Its stored token and passwords are deleted too. SRs already imported stay; added again, the connection syncs from the start.',
  )
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.screenshot({ path: 'test-results/connections-en-720-remove-dialog.png' })
  await dialog.getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByTestId('connection-prod')).toHaveCount(0)
  await expect(page.getByTestId('connection-add')).toBeFocused()
  expect(await sources(request, harness)).toEqual([])
})

test('saving waits without dropping the focus and is sent once; testing keeps the focus and says its outcome from a live region; removing says what becomes of the data', async ({
  page,
  request,
  harness,
}) => {
  const sim = await startItsmSimulator({ seed: 7, srCount: 20, token: TOKEN, faults: { latencyMs: 300 } })
  try {
    await page.setViewportSize(MIN)
    await openReady(page, '/settings.html')
    // Saving is held back so its state can be seen.
    let adds = 0
    let release = (): void => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/invoke/sources:add', async (route) => {
      adds++
      await held
      await route.continue()
    })
    await page.getByTestId('connection-add').focus()
    await page.keyboard.press('Enter')
    await page.locator('#conn-name').fill('prod')
    await page.locator('#conn-url').fill(sim.url)
    await page.getByTestId('conn-secret').fill(TOKEN)
    const save = page.getByTestId('conn-save')
    await save.focus()
    await page.keyboard.press('Enter')
    await expect(save).toHaveText('저장 중…')
    await expect(save).toHaveAttribute('aria-disabled', 'true')
    await expect(save).toBeFocused()
    await page.keyboard.press('Enter')
    await page.getByTestId('conn-secret').press('Enter')
    // Escape does not leave a form being saved.
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('connection-form')).toHaveCount(1)
    release()
    const item = page.getByTestId('connection-prod')
    await expect(item).toBeVisible()
    expect(adds).toBe(1)
    await expect(page.getByTestId('connection-add')).toBeFocused()

    // The test: its button keeps the focus while it runs, and the outcome is said in a region already there.
    const status = item.getByTestId('connection-test-status')
    await expect(status).toHaveAttribute('role', 'status')
    await expect(status).toBeEmpty()
    const testButton = item.getByTestId('connection-test')
    await testButton.focus()
    await page.keyboard.press('Enter')
    await expect(testButton).toHaveText('테스트 중…')
    await expect(testButton).toBeFocused()
    await expect(status).toContainText('연결됨: 운영 관리자')
    await expect(testButton).toBeFocused()
    await item.screenshot({ path: 'test-results/connections-ko-720-tested.png' })

    // Removing asks first, in the app's dialog, saying what happens to the secrets and the SRs; then
    // the focus goes on.
    await item.getByRole('button', { name: 'prod 삭제' }).focus()
    await page.keyboard.press('Enter')
    const asked = page.getByRole('alertdialog', { name: '연결 삭제' })
    await expect(asked).toContainText('저장된 토큰과 비밀번호도 함께 삭제됩니다')
    await expect(asked).toContainText('이미 가져온 SR은 남으며')
    await asked.getByRole('button', { name: '삭제' }).focus()
    await page.keyboard.press('Enter')
    await expect(item).toHaveCount(0)
    await expect(asked).toHaveCount(0)
    await expect(page.getByTestId('connection-add')).toBeFocused()
    expect(await sources(request, harness)).toEqual([])
  } finally {
    await sim.close()
  }
})

test('a secret lost with a damaged secrets file says so in the list and the edit form, naming the kept copy', async ({
  page,
  request,
  harness,
}) => {
  const added = await request.post(`${harness.url}/api/invoke/sources:add`, {
    data: { kind: 'itsm', name: 'prod', url: 'https://itsm.example.go.kr', token: TOKEN },
  })
  expect(await added.json()).toMatchObject({ ok: true })
  // The harness keeps secrets in memory (no file to damage): the list answers as the app's does for
  // a connection whose token was in a damaged secrets file (secrets-file-damaged.test.ts).
  const kept = 'secrets.json.damaged-20261123T065000Z'
  await page.route('**/api/invoke/sources:list', async (route) => {
    const answer = (await (await route.fetch()).json()) as { ok: boolean; data: Record<string, unknown>[] }
    answer.data = answer.data.map((s) => ({ ...s, secret: 'unreadable', secretDamagedFile: kept }))
    await route.fulfill({ json: answer })
  })
  await page.setViewportSize(MIN)
  await openReady(page, '/settings.html')
  const item = page.getByTestId('connection-prod')
  await expect(item.getByTestId('connection-secret')).toContainText(
    `비밀 정보 파일이 손상되어 읽을 수 없음 — 다시 입력하세요 (손상된 파일은 삭제하지 않고 앱 데이터 폴더에 ${kept}(으)로 보관합니다)`,
  )
  await item.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/connections-ko-720-secret-damaged.png' })
  await page.getByRole('button', { name: /prod/ }).filter({ hasText: '수정' }).click()
  // The token field's note says the same, the token to be entered again.
  await expect(page.getByTestId('connection-form')).toContainText(`다시 입력하세요 (손상된 파일은`)
  await expect(page.getByTestId('connection-form')).toContainText(kept)
  await page.getByTestId('connection-form').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/connections-ko-720-secret-damaged-form.png' })
})

test('in English at the minimum size, the ITSM REST form with its collections fits: no sideways scroll, each collection on one line, the buttons on one row', async ({
  page,
  request,
  harness,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  const added = await request.post(`${harness.url}/api/invoke/sources:add`, {
    data: {
      kind: 'itsm',
      name: 'regional-office-itsm',
      url: 'https://itsm.regional-office.example.go.kr',
      token: TOKEN,
      skip: ['people', 'deployments', 'feature_usage'],
    },
  })
  expect(await added.json()).toMatchObject({ ok: true })
  await page.setViewportSize(MIN)
  await openReady(page, '/settings.html')
  const item = page.getByTestId('connection-regional-office-itsm')
  await expect(item.getByTestId('connection-not-read')).toHaveText(
    'Not read: people, deployments, feature usage',
  )
  await item.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/connections-en-720-not-read.png' })
  await item.getByRole('button', { name: 'Edit regional-office-itsm' }).click()
  const form = page.getByTestId('connection-form')
  const group = page.getByRole('group', { name: 'Collections read' })
  await expect(group.getByRole('checkbox', { name: 'Deployments', exact: true })).not.toBeChecked()
  await group.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/connections-en-720-collections.png' })
  await form.screenshot({ path: 'test-results/connections-en-720-collections-form.png' })

  const html = page.locator('html')
  expect(
    await html.evaluate((h) => h.scrollWidth - (h.ownerDocument.defaultView?.innerWidth ?? 0)),
  ).toBeLessThanOrEqual(0)
  // Each collection's box and name on one line, inside the form.
  const formRight = await form.evaluate((f) => f.getBoundingClientRect().right)
  const checks = group.locator('.collection-check')
  expect(await checks.count()).toBe(7)
  for (const check of await checks.all()) {
    const box = await check.evaluate((el) => {
      // The lines of its text (the box beside it is centred on them, its top elsewhere).
      const tops = new Set<number>()
      const walk = el.ownerDocument.createTreeWalker(el, 4)
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        const range = el.ownerDocument.createRange()
        range.selectNodeContents(node)
        for (const r of range.getClientRects()) tops.add(Math.round(r.top))
      }
      return { right: el.getBoundingClientRect().right, lines: tops.size }
    })
    expect(box.lines, await check.innerText()).toBe(1)
    expect(box.right).toBeLessThanOrEqual(formRight)
  }
  // Save and Cancel side by side.
  const save = await form.getByTestId('conn-save').boundingBox()
  const cancel = await form.getByRole('button', { name: 'Cancel' }).boundingBox()
  expect(Math.abs((save?.y ?? 0) - (cancel?.y ?? 1))).toBeLessThan(2)
})

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES, startHarnessServer, type HarnessServer } from '../../../../src/main/harness/server'
import { resolveStaticPath } from '../../../../src/main/harness/static-files'

let dir: string
let harness: HarnessServer

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ops-harness-'))
  const staticDir = join(dir, 'web')
  await mkdir(staticDir)
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
  await writeFile(join(dir, 'secret.txt'), 'outside')
  harness = await startHarnessServer({
    dataDir: join(dir, 'data'),
    staticDir,
    now: () => Date.parse('2026-03-18T06:00:00Z'),
  })
})

afterEach(async () => {
  await harness.close()
  await rm(dir, { recursive: true, force: true })
})

const invoke = (channel: string, body: unknown) =>
  fetch(`${harness.url}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

/** A raw request, so the path and Host header are sent exactly as written. */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(harness.url)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('browser harness server', () => {
  it('answers /healthz and serves the renderer with its content type', async () => {
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200)
    const page = await fetch(`${harness.url}/`)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
  })

  it('never serves files outside the static folder', async () => {
    expect((await raw('/../secret.txt')).status).toBe(404)
    expect((await raw('/%2e%2e/secret.txt')).status).toBe(404)
    expect((await raw('/..%2fsecret.txt')).status).toBe(404)
    expect(resolveStaticPath('/srv/web', '/../../etc/passwd')).toBe(join('/srv/web', 'etc/passwd'))
    expect(resolveStaticPath('/srv/web', '/%E0%A4%A')).toBeNull()
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await raw('/healthz', { host: 'evil.example:80' })).status).toBe(403)
  })

  it('answers envelopes: unknown channel, invalid payload, non-JSON body', async () => {
    expect(await (await invoke('nope:nothing', {})).json()).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    const bad = await (await invoke('settings:set', { timeZone: 'Mars/Olympus' })).json()
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: [{ path: 'timeZone' }] } })
    const notJson = await fetch(`${harness.url}/api/invoke/settings:get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    })
    expect(notJson.status).toBe(400)
    const form = await fetch(`${harness.url}/api/invoke/settings:get`, { method: 'POST', body: 'a=1' })
    expect(form.status).toBe(415)
  })

  it('rejects bodies over 1 MB with 413', async () => {
    const res = await invoke('settings:set', { reportFolder: 'x'.repeat(MAX_BODY_BYTES + 10) })
    expect(res.status).toBe(413)
  })

  it('persists settings and pushes settings:changed on the event stream', async () => {
    const controller = new AbortController()
    const stream = await fetch(`${harness.url}/api/events`, { signal: controller.signal })
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = stream.body!.getReader()
    const decoder = new TextDecoder()
    let received = ''
    // The first frame (retry + comment) proves the subscription is registered before we save.
    received += decoder.decode((await reader.read()).value)

    const saved = await (await invoke('settings:set', { language: 'en' })).json()
    expect(saved).toMatchObject({ ok: true, data: { language: 'en' } })
    while (!received.includes('event: settings:changed'))
      received += decoder.decode((await reader.read()).value)
    expect(received).toMatch(/event: settings:changed\ndata: \{.*"language":"en"/)
    controller.abort()

    await harness.close()
    harness = await startHarnessServer({ dataDir: join(dir, 'data') })
    expect(await (await invoke('settings:get', {})).json()).toMatchObject({
      ok: true,
      data: { language: 'en' },
    })
  })
})

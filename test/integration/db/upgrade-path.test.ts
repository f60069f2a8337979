// A user's database was made by an earlier release: opening it with this release applies only the
// newer migrations and keeps every row (ARCHITECTURE.md "Walls": migrate an empty database and one
// from the previous schema).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/core/db/open-database'
import { createItsmConnector, encodeCursor } from '../../../src/main/core/sources/itsm-rest/connector'
import { syncSource } from '../../../src/main/core/sync/engine'
import { startItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { FAST_RETRY, recordingDeps } from '../sync/fault-harness'
import { MIGRATIONS } from './temp-store'

type Journal = { entries: { idx: number; tag: string }[] }

/** A copy of the migrations folder holding only the first `count` migrations (an earlier release). */
function earlierRelease(dir: string, count: number): string {
  const out = path.join(dir, 'migrations-earlier')
  fs.mkdirSync(path.join(out, 'meta'), { recursive: true })
  const journal = JSON.parse(
    fs.readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8'),
  ) as Journal
  const kept = { ...journal, entries: journal.entries.slice(0, count) }
  for (const entry of kept.entries) {
    fs.copyFileSync(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(out, `${entry.tag}.sql`))
  }
  fs.writeFileSync(path.join(out, 'meta', '_journal.json'), JSON.stringify(kept))
  return out
}

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('upgrading a workspace from the previous schema', () => {
  it('adds the SR judgement columns and SLA tables and keeps existing rows', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-upgrade-'))
    dirs.push(dir)
    const file = path.join(dir, 'ops-console.db')
    const old = openDatabase(file, { migrationsFolder: earlierRelease(dir, 1) })
    old.sqlite.prepare(`INSERT INTO tenants (name, created_at) VALUES ('기관 A', 0)`).run()
    old.sqlite
      .prepare(
        `INSERT INTO service_requests (source, source_id, tenant_id, title, priority, status, created_at, updated_at)
         VALUES ('itsm', 'SR-1', 1, 'VPN down', 'P2', 'OPEN', 1000, 2000)`,
      )
      .run()
    const oldColumns = old.sqlite.prepare(`SELECT name FROM pragma_table_info('service_requests')`).all()
    expect(oldColumns.map((c) => (c as { name: string }).name)).not.toContain('sla_met')
    old.close()

    const upgraded = openDatabase(file, { migrationsFolder: MIGRATIONS })
    try {
      const row = upgraded.sqlite
        .prepare(`SELECT source_id, title, status, sla_met, mttr_ms FROM service_requests`)
        .get()
      expect(row).toEqual({
        source_id: 'SR-1',
        title: 'VPN down',
        status: 'OPEN',
        sla_met: null,
        mttr_ms: null,
      })
      const tables = upgraded.sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sla_%' ORDER BY name`)
        .all()
      expect(tables.map((t) => (t as { name: string }).name)).toEqual([
        'sla_calendars',
        'sla_holidays',
        'sla_policy_versions',
      ])
    } finally {
      upgraded.close()
    }
  })

  it("gives feature usage a source and keeps the usage stored before it, with source ''", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-upgrade-'))
    dirs.push(dir)
    const file = path.join(dir, 'ops-console.db')
    const journal = JSON.parse(
      fs.readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8'),
    ) as Journal
    const before = journal.entries.findIndex((e) => e.tag === '0010_feature_usage_source')
    expect(before).toBeGreaterThan(0)
    const old = openDatabase(file, { migrationsFolder: earlierRelease(dir, before) })
    old.sqlite.prepare(`INSERT INTO tenants (name, created_at) VALUES ('기관 A', 0), ('기관 B', 0)`).run()
    old.sqlite
      .prepare(
        `INSERT INTO feature_usage (tenant_id, feature, month, count)
         VALUES (1, 'sr_portal', '2026-01', 10), (1, 'sr_portal', '2026-02', 12), (2, 'chatbot', '2026-01', 3)`,
      )
      .run()
    old.close()

    const upgraded = openDatabase(file, { migrationsFolder: MIGRATIONS })
    try {
      expect(
        upgraded.sqlite
          .prepare(
            `SELECT source, tenant_id, feature, month, count FROM feature_usage ORDER BY tenant_id, month`,
          )
          .all(),
      ).toEqual([
        { source: '', tenant_id: 1, feature: 'sr_portal', month: '2026-01', count: 10 },
        { source: '', tenant_id: 1, feature: 'sr_portal', month: '2026-02', count: 12 },
        { source: '', tenant_id: 2, feature: 'chatbot', month: '2026-01', count: 3 },
      ])
      // The key is now per source: another source's count of the same tenant, feature and month is a
      // row of its own, and the same source's is still one row.
      const insert = upgraded.sqlite.prepare(
        `INSERT INTO feature_usage (source, tenant_id, feature, month, count) VALUES (?, 1, 'sr_portal', '2026-01', ?)`,
      )
      insert.run('itsm:north', 4)
      expect(() => insert.run('itsm:north', 5)).toThrow(/UNIQUE/)
      expect(
        upgraded.sqlite
          .prepare(`SELECT count(*) FROM feature_usage WHERE tenant_id = 1 AND month = '2026-01'`)
          .pluck()
          .get(),
      ).toBe(2)
      expect(upgraded.sqlite.pragma('foreign_key_check')).toEqual([])
    } finally {
      upgraded.close()
    }
  })

  it('keeps tenants, categories and SRs, and has each ITSM connection read its tenants and categories again to learn their ids', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-upgrade-'))
    dirs.push(dir)
    const file = path.join(dir, 'ops-console.db')
    const journal = JSON.parse(
      fs.readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8'),
    ) as Journal
    const before = journal.entries.findIndex((e) => e.tag === '0011_tenant-category-source-ids')
    expect(before).toBeGreaterThan(0)
    const sim = await startItsmSimulator({ seed: 5, srCount: 5 })
    try {
      // A workspace synced from the server by the previous release: its tenants and categories (by
      // name), an SR, and cursors at the end of each collection.
      const old = openDatabase(file, { migrationsFolder: earlierRelease(dir, before) })
      const insertTenant = old.sqlite.prepare('INSERT INTO tenants (name, created_at) VALUES (?, ?)')
      for (const t of sim.data.tenants) insertTenant.run(t.name, Date.parse(t.created_at))
      const insertCategory = old.sqlite.prepare('INSERT INTO categories (name) VALUES (?)')
      for (const c of sim.data.categories) insertCategory.run(c.name)
      old.sqlite
        .prepare(
          `INSERT INTO service_requests (source, source_id, tenant_id, category_id, title, priority, status, created_at, updated_at)
           VALUES ('itsm:north', 'SR-1', 1, 1, 'VPN down', 'P2', 'OPEN', 1000, 2000)`,
        )
        .run()
      const atEnd = (rows: { id: string; updated_at: string }[]) => {
        const last = rows.at(-1)
        if (!last) throw new Error('no rows')
        return encodeCursor({ updated_after: last.updated_at, after_id: last.id })
      }
      const setCursor = old.sqlite.prepare(
        `INSERT INTO sync_state (source, entity, cursor, updated_at) VALUES (?, ?, ?, 0)`,
      )
      setCursor.run('itsm:north', 'tenants', atEnd(sim.data.tenants))
      setCursor.run('itsm:north', 'categories', atEnd(sim.data.categories))
      setCursor.run('itsm:north', 'srs', atEnd(sim.data.srs))
      setCursor.run('servicenow:sn', 'srs', '{"x":1}')
      old.close()

      const upgraded = openDatabase(file, { migrationsFolder: MIGRATIONS })
      try {
        const { sqlite } = upgraded
        expect(sqlite.prepare('SELECT count(*) FROM tenants').pluck().get()).toBe(sim.data.tenants.length)
        expect(sqlite.prepare('SELECT count(*) FROM categories').pluck().get()).toBe(
          sim.data.categories.length,
        )
        expect(
          sqlite.prepare('SELECT source_id, tenant_id, category_id FROM service_requests').all(),
        ).toEqual([{ source_id: 'SR-1', tenant_id: 1, category_id: 1 }])
        // Only the ITSM connections' tenant and category cursors are gone.
        expect(sqlite.prepare('SELECT source, entity FROM sync_state ORDER BY source, entity').all()).toEqual(
          [
            { source: 'itsm:north', entity: 'srs' },
            { source: 'servicenow:sn', entity: 'srs' },
          ],
        )

        const sync = async () => {
          const connector = createItsmConnector(
            { name: 'north', url: sim.url, token: sim.token, retry: FAST_RETRY },
            recordingDeps(),
          )
          const outcome = await syncSource(upgraded, connector, { entities: ['tenants', 'categories'] })
          expect(outcome.status).toBe('ok')
        }
        // The first sync reads them all again: the same tenants (adopted by name), now with their ids…
        await sync()
        expect(sqlite.prepare('SELECT count(*) FROM tenants').pluck().get()).toBe(sim.data.tenants.length)
        expect(sqlite.prepare('SELECT count(*) FROM tenant_source_ids').pluck().get()).toBe(
          sim.data.tenants.length,
        )
        // …so a rename upstream after the upgrade renames the tenant the SR belongs to.
        const first = sim.data.tenants.find(
          (t) => t.name === sqlite.prepare('SELECT name FROM tenants WHERE id = 1').pluck().get(),
        )
        if (!first) throw new Error('tenant 1 is not served')
        sim.mutate((m) => m.rename('tenants', first.id, '개명된 기관'))
        await sync()
        expect(sqlite.prepare('SELECT name FROM tenants WHERE id = 1').pluck().get()).toBe('개명된 기관')
        expect(sqlite.prepare('SELECT count(*) FROM tenants').pluck().get()).toBe(sim.data.tenants.length)
        expect(sqlite.pragma('foreign_key_check')).toEqual([])
      } finally {
        upgraded.close()
      }
    } finally {
      await sim.close()
    }
  })
})

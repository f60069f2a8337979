// Shipped migrations are immutable (ARCHITECTURE.md "Walls"): a user's database has already applied
// them, so an edit would never reach it and the schemas would silently diverge.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './temp-store'

type Checksums = { sql: Record<string, string>; journal: { idx: number; tag: string; when: number }[] }
type Journal = { entries: { idx: number; tag: string; when: number }[] }

const listed = JSON.parse(
  fs.readFileSync(new URL('./migration-checksums.json', import.meta.url), 'utf8'),
) as Checksums
const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as Journal
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

describe('migrations are immutable', () => {
  it('every listed migration still exists with the same content', () => {
    for (const [file, hash] of Object.entries(listed.sql)) {
      const full = path.join(MIGRATIONS, file)
      expect(fs.existsSync(full), `${file} was deleted: shipped migrations must stay`).toBe(true)
      expect(
        sha256(full),
        `${file} was edited: add a new migration instead (drizzle-kit generate --name …)`,
      ).toBe(hash)
    }
  })

  it('the journal keeps every listed entry unchanged and in order', () => {
    listed.journal.forEach((entry, i) => {
      const actual = journal.entries[i]
      expect(actual, `journal entry ${entry.tag} disappeared`).toBeDefined()
      expect({ idx: actual?.idx, tag: actual?.tag, when: actual?.when }).toEqual(entry)
    })
  })

  it('every migration on disk is listed (new ones must be appended to migration-checksums.json)', () => {
    const onDisk = fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql'))
    const missing = onDisk.filter((f) => !(f in listed.sql))
    const hint = missing.map((f) => `"${f}": "${sha256(path.join(MIGRATIONS, f))}"`).join(', ')
    expect(
      missing,
      `Add the new migration(s) to test/integration/db/migration-checksums.json: ${hint}`,
    ).toEqual([])
    const unlistedEntries = journal.entries.slice(listed.journal.length)
    expect(
      unlistedEntries,
      `Append these journal entries to migration-checksums.json: ${JSON.stringify(
        unlistedEntries.map((e) => ({ idx: e.idx, tag: e.tag, when: e.when })),
      )}`,
    ).toEqual([])
  })
})

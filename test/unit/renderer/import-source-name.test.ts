// The import wizard's source name field refuses what import:run would refuse (so
// the mistake is said under the field, in the UI's language) and lets through what they take;
// empty is the default name, not a mistake.
import { describe, expect, it } from 'vitest'
import { syncChannels } from '../../../src/shared/ipc/channels/sync'
import { sourceNameField, sourceNameProblem } from '../../../src/renderer/src/features/import/source-name'
import { importMessages } from '../../../src/renderer/src/features/import/messages'

const runSchema = syncChannels['import:run'].request
const TOKEN = 'a'.repeat(24)

describe('import source name field', () => {
  it.each([
    'file',
    'agency-b',
    '행정안전부 ITSM',
    ' 서울시 ',
    'ServiceNow (구)',
    'x'.repeat(40),
    '가'.repeat(40),
  ])('takes %j, as the core does', (name) => {
    expect(sourceNameProblem(name)).toBeNull()
    const parsed = runSchema.safeParse({ token: TOKEN, ...sourceNameField(name) })
    expect(parsed.success).toBe(true)
    expect(parsed.data?.sourceName).toBe(name.trim())
  })

  it('empty or blank is the default: nothing is sent', () => {
    for (const text of ['', '   ']) {
      expect(sourceNameProblem(text)).toBeNull()
      expect(sourceNameField(text)).toEqual({})
    }
  })

  it.each([
    ['x'.repeat(41), 'tooLong'],
    ['가'.repeat(41), 'tooLong'],
    ['import:b', 'colon'],
    ['a:b', 'colon'],
    ['line\nbreak', 'control'],
    ['tab\there', 'control'],
    ['zero\u200bwidth', 'control'],
    ['del\u007f', 'control'],
  ] as const)('refuses %j (%s) as the core does', (name, problem) => {
    expect(sourceNameProblem(name)).toBe(problem)
    expect(runSchema.safeParse({ token: TOKEN, sourceName: name }).success).toBe(false)
  })

  it('every problem is worded in both languages', () => {
    for (const problem of ['blank', 'tooLong', 'colon', 'control'] as const) {
      expect(importMessages.ko.sourceInvalid[problem]).toMatch(/출처 이름/)
      expect(importMessages.en.sourceInvalid[problem]).toMatch(/source name/i)
    }
  })
})

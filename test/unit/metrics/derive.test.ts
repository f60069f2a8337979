import { describe, expect, it } from 'vitest'
import { deriveInstants } from '../../../src/main/core/metrics/derive'

const H = 3_600_000
const created = Date.parse('2026-03-02T00:00:00Z')

describe('derived resolved_at / finished_at (SPEC §2)', () => {
  it('keeps the source resolved_at when there is one', () => {
    const d = deriveInstants({
      status: 'DONE',
      createdAt: created,
      resolvedAt: created + 5 * H,
      closedAt: created + 50 * H,
      updatedAt: created + 60 * H,
    })
    expect(d).toEqual({
      resolvedAt: created + 5 * H,
      resolvedAtEstimated: false,
      finishedAt: created + 5 * H,
    })
  })

  it('takes the first RESOLVED/DONE event when the source lacks resolved_at (a reopen resolves twice)', () => {
    const d = deriveInstants(
      {
        status: 'RESOLVED',
        createdAt: created,
        resolvedAt: null,
        closedAt: null,
        updatedAt: created + 90 * H,
      },
      [
        { at: created + 30 * H, toStatus: 'RESOLVED' },
        { at: created + 2 * H, toStatus: 'IN_PROGRESS' },
        { at: created + 10 * H, toStatus: 'RESOLVED' },
        { at: created + 20 * H, toStatus: 'OPEN' },
      ],
    )
    expect(d.resolvedAt).toBe(created + 10 * H)
    expect(d.resolvedAtEstimated).toBe(false)
  })

  it('falls back to closed_at, then to updated_at flagged as estimated', () => {
    expect(
      deriveInstants({
        status: 'DONE',
        createdAt: created,
        resolvedAt: null,
        closedAt: created + 7 * H,
        updatedAt: created + 9 * H,
      }).resolvedAt,
    ).toBe(created + 7 * H)
    const estimated = deriveInstants({
      status: 'RESOLVED',
      createdAt: created,
      resolvedAt: null,
      closedAt: null,
      updatedAt: created + 9 * H,
    })
    expect(estimated).toEqual({
      resolvedAt: created + 9 * H,
      resolvedAtEstimated: true,
      finishedAt: created + 9 * H,
    })
  })

  it('finishes CANCELLED at closed_at, else updated_at, and never resolves it', () => {
    expect(
      deriveInstants({
        status: 'CANCELLED',
        createdAt: created,
        resolvedAt: null,
        closedAt: created + 3 * H,
        updatedAt: created + 4 * H,
      }),
    ).toEqual({ resolvedAt: null, resolvedAtEstimated: false, finishedAt: created + 3 * H })
    expect(
      deriveInstants({
        status: 'CANCELLED',
        createdAt: created,
        resolvedAt: created + H,
        closedAt: null,
        updatedAt: created + 4 * H,
      }).finishedAt,
    ).toBe(created + 4 * H)
  })

  it('leaves open-like SRs unresolved even when the source still has an old resolved_at (reopened)', () => {
    const d = deriveInstants({
      status: 'IN_PROGRESS',
      createdAt: created,
      resolvedAt: created + H,
      closedAt: null,
      updatedAt: created + 2 * H,
    })
    expect(d).toEqual({ resolvedAt: null, resolvedAtEstimated: false, finishedAt: null })
  })
})

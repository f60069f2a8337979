// While a page that timed out is asked again with fewer rows, the Sync screen's retry note says so
// under the countdown, in Korean and English, with the rows grouped as the language writes them.
import i18next, { type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { retryPageRowsText } from '../../../src/renderer/src/features/sync/format'
import { syncMessages } from '../../../src/renderer/src/features/sync/messages'

async function translator(lng: 'ko' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance()
  await i18n.init({
    resources: {
      ko: { translation: { sync: syncMessages.ko } },
      en: { translation: { sync: syncMessages.en } },
    },
    lng,
    fallbackLng: 'ko',
    interpolation: { escapeValue: false },
  })
  return i18n.t
}

describe('a retry with a smaller page', () => {
  it('says the rows the next attempt asks for instead of the rows before', async () => {
    expect(retryPageRowsText(await translator('ko'), { from: 1000, to: 500 }, 'ko')).toBe(
      '페이지 응답 시간이 초과되어 다음 시도에서는 1,000건 대신 500건을 요청합니다.',
    )
    expect(retryPageRowsText(await translator('en'), { from: 1000, to: 500 }, 'en')).toBe(
      'The page timed out: the next attempt asks for 500 rows instead of 1,000.',
    )
    expect(retryPageRowsText(await translator('en'), { from: 2, to: 1 }, 'en')).toBe(
      'The page timed out: the next attempt asks for 1 row instead of 2.',
    )
  })
})

// The demo YouTube channel: ~120 uploads over the range, daily channel and per-video metrics (views
// decaying after publication, weekly rhythm), monthly ageGroup × gender shares summing to 100 and
// monthly geography (Korea dominant). Analytics lags, so the data stops two days before as-of.
import { DateTime } from 'luxon'
import type { Store } from '../db/open-database'
import { SHORTS_SERIES, VIDEO_SERIES, VIDEO_TOPICS } from './names'
import type { Rng } from './prng'
import type { DemoRange } from './timeline'
import { writeTransaction } from '../db/write-transaction'

export const DEMO_CHANNEL_SOURCE = 'demo'
const AGE_GROUPS = ['age13-17', 'age18-24', 'age25-34', 'age35-44', 'age45-54', 'age55-64', 'age65-']
const AGE_WEIGHTS = [2, 9, 24, 28, 21, 11, 5]
const GENDERS = ['female', 'male', 'user_specified'] as const
const GENDER_WEIGHTS = [46, 53, 1]
const COUNTRIES = ['KR', 'US', 'JP', 'VN', 'CA', 'AU', 'TW', 'DE', 'PH', 'GB']
const COUNTRY_WEIGHTS = [86, 3.2, 2.4, 1.6, 1.1, 0.9, 0.8, 0.6, 0.6, 0.5]
const ANALYTICS_LAG_DAYS = 2

type Video = {
  id: string
  title: string
  publishedAt: number
  durationSec: number
  peak: number
  retention: number
}

/** Writes the demo channel and its metrics; returns the number of videos. */
export function writeDemoYoutube(store: Store, rng: Rng, range: DemoRange, videoTarget = 120): number {
  const { sqlite } = store
  const channelId = `UC${randomId(rng, 22)}`
  const dataDays = range.days.slice(0, Math.max(0, range.days.length - ANALYTICS_LAG_DAYS))
  const dataThrough = dataDays[dataDays.length - 1]?.label ?? null

  const videos: Video[] = []
  for (let i = 0; i < videoTarget; i++) {
    const publishedAt = Math.floor(rng.uniform(range.start, range.asOf - 3_600_000) / 1000) * 1000
    const short = rng.chance(0.2)
    videos.push({
      id: randomId(rng, 11),
      title: `${short ? SHORTS_SERIES : rng.pick(VIDEO_SERIES)} ${rng.pick(VIDEO_TOPICS)}`,
      publishedAt,
      durationSec: short ? rng.int(15, 59) : rng.int(90, 1500),
      peak: rng.logNormal(short ? 600 : 300, 0.9),
      retention: rng.uniform(0.3, short ? 0.9 : 0.55),
    })
  }
  videos.sort((a, b) => a.publishedAt - b.publishedAt)

  const dayIndexOf = new Map(range.days.map((d, i) => [d.label, i]))
  const channelDays = dataDays.map(() => ({ views: 0, watchMinutes: 0, likes: 0, comments: 0, shares: 0 }))
  const insertVideo = sqlite.prepare(
    'INSERT INTO yt_videos (id, channel_id, title, published_at, duration_sec, thumbnail_url) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const insertVideoDay =
    sqlite.prepare(`INSERT INTO yt_video_daily (video_id, day, views, watch_minutes, likes,
    comments, shares) VALUES (?, ?, ?, ?, ?, ?, ?)`)
  const insertChannelDay =
    sqlite.prepare(`INSERT INTO yt_channel_daily (channel_id, day, views, watch_minutes,
    avg_view_duration_sec, subscribers_gained, subscribers_lost, likes, comments, shares)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertDemo = sqlite.prepare(
    'INSERT INTO yt_demographics (channel_id, month, age_group, gender, viewer_pct) VALUES (?, ?, ?, ?, ?)',
  )
  const insertGeo = sqlite.prepare(
    'INSERT INTO yt_geography (channel_id, month, country, views) VALUES (?, ?, ?, ?)',
  )

  writeTransaction(sqlite, () => {
    sqlite
      .prepare(
        `INSERT INTO yt_channels (id, source, title, handle, thumbnail_url, uploads_playlist_id, connected_at,
        selected, subscriber_count, video_count, view_count, auth_state, data_through, last_synced_at)
        VALUES (?, ?, ?, ?, NULL, ?, ?, 0, 0, ?, 0, 'connected', ?, ?)`,
      )
      .run(
        channelId,
        DEMO_CHANNEL_SOURCE,
        '디지털정부 운영센터 TV',
        '@ops-center-tv',
        `UU${channelId.slice(2)}`,
        range.start,
        videos.length,
        dataThrough,
        range.asOf,
      )
    // The demo channel becomes the selected one.
    sqlite.prepare('UPDATE yt_channels SET selected = CASE WHEN id = ? THEN 1 ELSE 0 END').run(channelId)

    for (const v of videos) {
      insertVideo.run(
        v.id,
        channelId,
        v.title,
        v.publishedAt,
        v.durationSec,
        `https://i.ytimg.com/vi/${v.id}/mqdefault.jpg`,
      )
      const publishLabel = DateTime.fromMillis(v.publishedAt, { zone: range.zone }).toFormat('yyyy-MM-dd')
      const first = dayIndexOf.get(publishLabel) ?? 0
      for (let di = first; di < dataDays.length; di++) {
        const day = dataDays[di]
        const total = channelDays[di]
        if (!day || !total) continue
        const age = di - first
        const weekly = day.weekday >= 6 ? 1.15 : 1
        const expected = v.peak * (Math.exp(-age / 3) + 0.04 * Math.exp(-age / 150)) * weekly
        const views = Math.round(expected * rng.uniform(0.8, 1.2))
        if (views === 0) continue
        const watchMinutes = round1((views * v.durationSec * v.retention * rng.uniform(0.9, 1.1)) / 60)
        const likes = Math.round(views * rng.uniform(0.02, 0.06))
        const comments = Math.round(views * rng.uniform(0.002, 0.008))
        const shares = Math.round(views * rng.uniform(0.003, 0.01))
        insertVideoDay.run(v.id, day.label, views, watchMinutes, likes, comments, shares)
        total.views += views
        total.watchMinutes += watchMinutes
        total.likes += likes
        total.comments += comments
        total.shares += shares
      }
    }

    let subscribers = 1200
    let totalViews = 0
    const monthViews = new Map<string, number>()
    dataDays.forEach((day, di) => {
      const t = channelDays[di]
      if (!t) return
      // Views outside uploads (channel page, playlists) on top of the per-video sums.
      const extra = Math.round(t.views * 0.05 + rng.uniform(0, 20))
      const views = t.views + extra
      const watchMinutes = round1(t.watchMinutes + extra * rng.uniform(0.5, 1.5))
      const gained = Math.round(views * rng.uniform(0.003, 0.008))
      const lost = Math.round(gained * rng.uniform(0.1, 0.4))
      subscribers += gained - lost
      totalViews += views
      const avg = views > 0 ? round1((watchMinutes * 60) / views) : 0
      insertChannelDay.run(
        channelId,
        day.label,
        views,
        watchMinutes,
        avg,
        gained,
        lost,
        t.likes,
        t.comments,
        t.shares,
      )
      const month = day.label.slice(0, 7)
      monthViews.set(month, (monthViews.get(month) ?? 0) + views)
    })

    for (const [month, views] of monthViews) {
      const weights: number[] = []
      for (const a of AGE_WEIGHTS)
        for (const g of GENDER_WEIGHTS) weights.push(a * g * rng.uniform(0.85, 1.15))
      const pcts = splitExact(weights, 10_000) // hundredths of a percent, so the month sums to exactly 100
      let k = 0
      for (const age of AGE_GROUPS) {
        for (const gender of GENDERS) insertDemo.run(channelId, month, age, gender, (pcts[k++] ?? 0) / 100)
      }
      const geo = splitExact(
        COUNTRY_WEIGHTS.map((w) => w * rng.uniform(0.8, 1.2)),
        views,
      )
      COUNTRIES.forEach((c, i) => {
        if ((geo[i] ?? 0) > 0) insertGeo.run(channelId, month, c, geo[i] ?? 0)
      })
    }
    sqlite
      .prepare('UPDATE yt_channels SET subscriber_count = ?, view_count = ? WHERE id = ?')
      .run(subscribers, totalViews, channelId)
  })()
  return videos.length
}

/** Integers proportional to `weights` summing exactly to `total` (largest remainders). */
export function splitExact(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum <= 0) return weights.map(() => 0)
  const raw = weights.map((w) => (w / sum) * total)
  const out = raw.map(Math.floor)
  let rest = total - out.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac)
  for (const { i } of order) {
    if (rest <= 0) break
    out[i] = (out[i] ?? 0) + 1
    rest--
  }
  return out
}

function round1(x: number): number {
  return Math.round(x * 10) / 10
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
function randomId(rng: Rng, length: number): string {
  let s = ''
  for (let i = 0; i < length; i++) s += ID_CHARS[Math.floor(rng.next() * 64)] ?? 'A'
  return s
}

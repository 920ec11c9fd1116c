// Plausible demo answers for Nordlys Coffee: ~90 days, three touchpoints, segments, reasons in
// en/da/nb/sv, a handful of at-risk customers and some consented detractors. Deterministic (a
// seeded generator), so every fresh start shows the same story: NPS improving over the quarter,
// support the weak touchpoint.
import { randomUUID } from 'node:crypto'

/** mulberry32: a tiny seeded generator (public domain). */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const COUNTRIES = [
  ['DK', 'da', 0.45],
  ['NO', 'nb', 0.2],
  ['SE', 'sv', 0.2],
  ['GB', 'en', 0.15],
]
const TOUCHPOINTS = [
  ['purchase', 0.45, 0.0],
  ['delivery', 0.35, -0.05],
  ['support', 0.2, -0.18],
]

const REASONS = {
  en: {
    positive: [
      'Great coffee and fast delivery.',
      'Friendly support, solved at once.',
      'The subscription is so easy.',
      'Best beans I have had in years.',
    ],
    neutral: [
      'Good coffee, a bit pricey.',
      'Delivery took a day longer than promised.',
      'Fine, nothing special.',
    ],
    negative: [
      'The package arrived damaged.',
      'Nobody answered my email for a week.',
      'Charged twice for one order.',
      'The grinder broke after two weeks.',
    ],
  },
  da: {
    positive: [
      'Skøn kaffe og hurtig levering.',
      'Venlig kundeservice, løst med det samme.',
      'Abonnementet er så nemt.',
      'De bedste bønner i årevis.',
    ],
    neutral: [
      'God kaffe, lidt dyr.',
      'Leveringen tog en dag mere end lovet.',
      'Fint, intet særligt.',
    ],
    negative: [
      'Pakken kom beskadiget frem.',
      'Ingen svarede på min mail i en uge.',
      'Trukket to gange for én ordre.',
      'Kværnen gik i stykker efter to uger.',
    ],
  },
  nb: {
    positive: [
      'Nydelig kaffe og rask levering.',
      'Hyggelig kundeservice.',
      'Abonnementet er veldig enkelt.',
    ],
    neutral: ['God kaffe, litt dyr.', 'Leveringen tok en dag ekstra.'],
    negative: ['Pakken kom i stykker.', 'Ingen svarte på e-posten min.', 'Belastet to ganger.'],
  },
  sv: {
    positive: [
      'Underbart kaffe och snabb leverans.',
      'Trevlig kundtjänst.',
      'Prenumerationen är så enkel.',
    ],
    neutral: ['Gott kaffe, lite dyrt.', 'Leveransen tog en dag längre.'],
    negative: [
      'Paketet kom fram trasigt.',
      'Ingen svarade på mitt mejl.',
      'Dubbeldebiterad för en order.',
    ],
  },
}
const NAMES = ['anna', 'lars', 'mette', 'ole', 'sofie', 'erik', 'ingrid', 'jonas', 'karin', 'mads']

const pick = (r, list) => list[Math.floor(r() * list.length)]
const polarity = (s) => (s >= 9 ? 'positive' : s >= 7 ? 'neutral' : 'negative')

/** An NPS score: the promoter and detractor odds move with the day (improving) and touchpoint. */
function npsScore(r, progress, tpShift) {
  const pPromoter = 0.42 + 0.12 * progress + tpShift / 2
  const pDetractor = 0.24 - 0.1 * progress - tpShift
  const x = r()
  if (x < pDetractor) return Math.floor(r() * 7) // 0–6
  if (x < pDetractor + (1 - pPromoter - pDetractor)) return 7 + Math.floor(r() * 2)
  return 9 + Math.floor(r() * 2)
}

/**
 * The demo survey's answers as import rows (POST /v1/responses/import). Demo rows carry the
 * property `demo: true`: they count in every figure like real answers (unlike `test`), and can be
 * told apart (and exported or deleted) by it.
 */
export function demoAnswers(surveyId, now = Date.now(), count = 2000) {
  const r = rng(20261124)
  const rows = []
  const DAY = 86_400_000
  const weightOf = (x) => x[2]
  const country = () => {
    let x = r()
    for (const c of COUNTRIES) if ((x -= weightOf(c)) < 0) return c
    return COUNTRIES[0]
  }
  const touchpoint = () => {
    let x = r()
    for (const t of TOUCHPOINTS) if ((x -= t[1]) < 0) return t
    return TOUCHPOINTS[0]
  }
  for (let i = 0; i < count; i++) {
    // More answers lately (a growing shop): day 0 is today, day 89 the oldest.
    const ago = Math.floor(90 * r() ** 1.3)
    const createdAt = new Date(
      now - ago * DAY - Math.floor(r() * 20 * 3600e3) - 60_000,
    ).toISOString()
    const [tp, , shift] = touchpoint()
    const [cc, locale] = country()
    const score = npsScore(r, 1 - ago / 90, shift)
    const pol = polarity(score)
    const known = r() < 0.6
    const customerId = known ? `cus_${10000 + Math.floor(r() * 20000)}` : undefined
    const row = {
      id: randomUUID(),
      surveyId,
      score,
      touchpoint: tp,
      ref: tp === 'support' ? `T-${40000 + i}` : `ORD-${10000 + i}`,
      locale,
      createdAt,
      properties: {
        segment: pick(r, ['new', 'returning', 'returning', 'subscriber']),
        plan: pick(r, ['basic', 'basic', 'plus']),
        country: cc,
        demo: true,
      },
      ...(customerId ? { customerId } : {}),
    }
    if (r() < 0.7) row.reason = pick(r, REASONS[locale][pol])
    if (pol === 'negative' && customerId && r() < 0.4) {
      row.contactConsent = true
      row.email = `${pick(r, NAMES)}.${customerId.slice(4)}@example.com`
    }
    rows.push(row)
  }
  // A handful of customers at risk: two or three bad experiences in the last weeks.
  for (let c = 0; c < 6; c++) {
    const customerId = `cus_risk${c + 1}`
    const locale = COUNTRIES[c % COUNTRIES.length][1]
    for (let k = 0; k < 2 + (c % 2); k++) {
      rows.push({
        id: randomUUID(),
        surveyId,
        score: Math.floor(r() * 5),
        touchpoint: TOUCHPOINTS[(c + k) % 3][0],
        ref: `RISK-${c}-${k}`,
        locale,
        customerId,
        createdAt: new Date(now - (3 + c * 4 + k * 6) * DAY - 3600e3).toISOString(),
        reason: pick(r, REASONS[locale].negative),
        contactConsent: k === 0,
        ...(k === 0 ? { email: `${NAMES[c]}@example.com` } : {}),
        properties: {
          segment: 'subscriber',
          plan: 'plus',
          country: COUNTRIES[c % 4][0],
          demo: true,
        },
      })
    }
  }
  return rows
}

/**
 * The quarter before the demo's 90 days (days 90–179 ago), anonymous and a little worse, so the
 * overview's "against the previous 90 days" line has something to compare with.
 */
export function earlierAnswers(surveyId, now = Date.now(), count = 700) {
  const r = rng(20261204)
  const DAY = 86_400_000
  const rows = []
  for (let i = 0; i < count; i++) {
    const ago = 90 + Math.floor(r() * 90)
    const [tp, , shift] = TOUCHPOINTS[Math.floor(r() * TOUCHPOINTS.length)]
    const [cc, locale] = COUNTRIES[Math.floor(r() * COUNTRIES.length)]
    // Progress from −0.5 (half a year ago) to 0 (a quarter ago): the trend the last 90 days continue.
    const score = npsScore(r, -(ago - 90) / 180, shift)
    const row = {
      id: randomUUID(),
      surveyId,
      score,
      touchpoint: tp,
      ref: `EARLIER-${i}`,
      locale,
      createdAt: new Date(now - ago * DAY - Math.floor(r() * 20 * 3600e3)).toISOString(),
      properties: {
        segment: pick(r, ['new', 'returning', 'returning', 'subscriber']),
        plan: pick(r, ['basic', 'basic', 'plus']),
        country: cc,
        demo: true,
      },
    }
    if (r() < 0.6) row.reason = pick(r, REASONS[locale][polarity(score)])
    rows.push(row)
  }
  return rows
}

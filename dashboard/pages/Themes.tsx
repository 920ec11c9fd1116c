// What the reasons keep saying: the terms of one survey's reasons in a window, with their share,
// their lean (negative or positive, and whether that is more than noise), rising terms flagged
// against the window before, and example answers linking to the answer page.
import { CATEGORIES } from '../../schema/constants'
import type { Survey } from '../../schema/survey'
import { INSIGHTS } from '../../schema/constants'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { num } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { windowOf } from '../lib/range'
import { BASE, navigate, useLocation, withQuery } from '../lib/router'
import { themeRows, type ThemeRow } from '../lib/themes'
import { previousWindow } from '../../schema/window'
import { useData } from '../lib/use-data'
import { OverviewFilters } from '../ui/OverviewFilters'
import { NoSurvey, Problem } from '../ui/Status'
import { Scroll } from '../ui/Scroll'

/** Polarity filters by the category's place in its kind: negative, neutral, positive. */
const POLARITY = { negative: 2, neutral: 1, positive: 0 } as const
type Polarity = keyof typeof POLARITY

export default function Themes() {
  const { survey } = useApp()
  if (!survey) return <NoSurvey />
  return <SurveyThemes survey={survey} />
}

function SurveyThemes({ survey }: { survey: Survey }) {
  const { t } = useI18n()
  const loc = useLocation()
  const w = windowOf(loc.query)
  const touchpoint = loc.query.get('touchpoint') ?? undefined
  const p = loc.query.get('polarity')
  const polarity = p && p in POLARITY ? (p as Polarity) : undefined
  const category = polarity ? CATEGORIES[survey.kind][POLARITY[polarity]] : undefined
  const filter = { surveyId: survey.id, touchpoint, category }
  const data = useData(JSON.stringify([filter, w.from, w.to]), async () => {
    const before = previousWindow(w.from, w.to)
    const [current, previous, touchpoints] = await Promise.all([
      call('GET /v1/themes', { query: { ...filter, from: w.from, to: w.to } }),
      // The whole list before, so a term outside the previous top 20 is not taken as new.
      call('GET /v1/themes', { query: { ...filter, ...before, limit: INSIGHTS.maxThemesLimit } }),
      call('GET /v1/metrics', {
        query: { surveyId: survey.id, from: w.from, to: w.to, groupBy: 'touchpoint' },
      }),
    ])
    return {
      reasons: current.reasons,
      before: previous.reasons,
      rows: themeRows(current, previous),
      touchpoints: (touchpoints.series ?? []).flatMap((s) => (s.key === null ? [] : [s.key])),
    }
  })
  const setPolarity = (value: string) =>
    navigate(loc.path + withQuery(loc.query, { polarity: value }), { replace: true })
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">
        {t('navThemes')}: {survey.name}
      </h1>
      <p class="muted">{t('themesIntro')}</p>
      <OverviewFilters
        window={w}
        touchpoint={touchpoint}
        touchpoints={data.data?.touchpoints ?? []}
      >
        <label>
          <span>{t('themesAnswers')}</span>
          <select value={polarity ?? ''} onChange={(e) => setPolarity(e.currentTarget.value)}>
            <option value="">{t('themesAllAnswers')}</option>
            <option value="negative">{t('themesNegative')}</option>
            <option value="neutral">{t('themesNeutral')}</option>
            <option value="positive">{t('themesPositive')}</option>
          </select>
        </label>
      </OverviewFilters>
      {data.error && <Problem error={data.error} retry={data.reload} />}
      {data.data && data.data.rows.length === 0 && <p>{t('themesNone')}</p>}
      {data.data && data.data.rows.length > 0 && (
        <ThemeTable rows={data.data.rows} reasons={data.data.reasons} before={data.data.before} />
      )}
      {data.loading && <p role="status">{t('loading')}</p>}
    </section>
  )
}

interface TableProps {
  rows: ThemeRow[]
  reasons: number
  /** Reasons in the window before: the base of each term's earlier share. */
  before: number
}

function ThemeTable({ rows, reasons, before }: TableProps) {
  const { t, lang } = useI18n()
  const top = Math.max(...rows.map((r) => r.share), 1)
  return (
    <Scroll card label={t('navThemes')}>
      <table class="themes">
        <caption>{t('themesCaption', { reasons, before })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('themesTerm')}</th>
            <th scope="col">{t('themesShare')}</th>
            <th scope="col">{t('themesLean')}</th>
            <th scope="col">{t('themesExamples')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.term}>
              <th scope="row">
                {r.term}
                {r.rising && (
                  <span class="badge rising">
                    {t('themesRising', { share: num(lang, r.previousShare ?? 0) })}
                  </span>
                )}
              </th>
              <td>
                <span class="share-bar" style={{ width: `${(100 * r.share) / top}%` }} />
                {num(lang, r.share)} % <span class="muted">({r.count})</span>
              </td>
              <td class={`lean-${r.leaning}`}>
                {t(
                  r.leaning === 'negative'
                    ? 'themesLeansNegative'
                    : r.leaning === 'positive'
                      ? 'themesLeansPositive'
                      : 'themesLeansNone',
                )}{' '}
                <span class="muted">(z = {num(lang, r.leanZ, 1)})</span>
              </td>
              <td>
                {r.examples.map((id, i) => (
                  <>
                    {i > 0 && ' · '}
                    <a href={`${BASE}/responses/${encodeURIComponent(id)}`}>
                      {t('themesExample', { n: i + 1 })}
                    </a>
                  </>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

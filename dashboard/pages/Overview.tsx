// Overview of one survey for a window and a touchpoint: the headline figure with its uncertainty,
// the trend with its band, the distribution, and the figure by touchpoint and by segment.
import type { Survey } from '../../schema/survey'
import { DistributionChart } from '../charts/DistributionChart'
import { IntervalChart } from '../charts/IntervalChart'
import { TrendChart } from '../charts/TrendChart'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { useI18n } from '../lib/i18n'
import { windowOf } from '../lib/range'
import { useLocation } from '../lib/router'
import { useData } from '../lib/use-data'
import { Headline } from '../ui/Headline'
import { ReachCard } from '../ui/Reach'
import { Change } from '../ui/Change'
import { NoSurvey, Problem } from '../ui/Status'
import { OverviewFilters } from '../ui/OverviewFilters'

const GROUPS = ['day', 'week', 'month'] as const

/** Inclusive UTC days from `from` to `to`. */
const daysOf = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1
type Group = (typeof GROUPS)[number]

export function Overview() {
  const { survey } = useApp()
  if (!survey) return <NoSurvey />
  return <SurveyOverview survey={survey} />
}

function SurveyOverview({ survey }: { survey: Survey }) {
  const { t } = useI18n()
  const { query } = useLocation()
  const w = windowOf(query)
  const touchpoint = query.get('touchpoint') ?? undefined
  const g = query.get('group')
  const group: Group = GROUPS.find((x) => x === g) ?? (w.range === '30' ? 'day' : 'week')
  const base = { surveyId: survey.id, from: w.from, to: w.to }
  const key = JSON.stringify([base, touchpoint, group, survey.segmentKeys])
  const data = useData(key, async () => {
    const [trend, byTouchpoint, ...segments] = await Promise.all([
      call('GET /v1/metrics', {
        query: { ...base, touchpoint, groupBy: group, compare: 'previous' },
      }),
      call('GET /v1/metrics', { query: { ...base, groupBy: 'touchpoint' } }),
      ...survey.segmentKeys.map((k) =>
        call('GET /v1/metrics', { query: { ...base, touchpoint, groupBy: `property:${k}` } }),
      ),
    ])
    return { trend, byTouchpoint, segments }
  })
  const touchpoints = (data.data?.byTouchpoint.series ?? []).flatMap((s) =>
    s.key === null ? [] : [s.key],
  )
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">
        {t('navOverview')}: {survey.name}
      </h1>
      <OverviewFilters window={w} group={group} touchpoint={touchpoint} touchpoints={touchpoints} />
      {data.error ? (
        <Problem error={data.error} retry={data.reload} />
      ) : !data.data ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <div class="grid" aria-busy={data.loading}>
          <div class="headline-cell">
            <Headline metrics={data.data.trend} />
            <Change metrics={data.data.trend} days={daysOf(w.from, w.to)} />
          </div>
          <TrendChart
            kind={survey.kind}
            series={data.data.trend.series ?? []}
            group={group}
            title={t('trend')}
            window={w}
          />
          <DistributionChart metrics={data.data.trend} />
          <ReachCard overall={data.data.trend} byTouchpoint={data.data.byTouchpoint.series} />
          <IntervalChart
            kind={survey.kind}
            series={data.data.byTouchpoint.series ?? []}
            title={t('byTouchpoint')}
          />
          {survey.segmentKeys.map((k, i) =>
            data.data!.segments[i].series?.length ? (
              <IntervalChart
                kind={survey.kind}
                series={data.data!.segments[i].series ?? []}
                title={t('bySegment', { key: k })}
              />
            ) : null,
          )}
        </div>
      )}
    </section>
  )
}

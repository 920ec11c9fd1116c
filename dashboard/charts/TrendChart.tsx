// The figure over time (day, week or month buckets) with its 95 % interval as a band.
import { useMemo } from 'preact/hooks'
import type uPlot from 'uplot'
import type { SurveyKind } from '../../schema/constants'
import { extentOf, figureOf, digitsOf, type SeriesItem } from '../lib/figures'
import { num } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { marksOf, type Mark } from '../lib/periods'
import { npsRange, palette } from './colors'
import { ChartFigure, DataTable } from './DataTable'
import { UPlot } from './UPlot'

/** Half a bucket in seconds: the x axis spans the data and half a bucket either side. */
const HALF_BUCKET = { day: 43_200, week: 302_400, month: 1_314_000 } as const

/** Bucket key → seconds: a day, a Monday (week) or YYYY-MM (month). */
const secondsOf = (key: string) => Date.parse(key.length === 7 ? `${key}-01` : key) / 1000

interface Props {
  kind: SurveyKind
  series: SeriesItem[]
  group: 'day' | 'week' | 'month'
  title: string
  /** The overview's window: periods it covers only in part are marked. */
  window: { from: string; to: string }
}

const MARK_TEXT = { partial: 'markPartial', few: 'markFew' } as const

export function TrendChart({ kind, series, group, title, window }: Props) {
  const { t, lang } = useI18n()
  const digits = digitsOf(kind)
  const points = series
    .filter((s) => s.key !== null)
    .map((s) => ({ key: s.key ?? '', ...figureOf(s) }))
    .map((p) => ({ ...p, marks: marksOf(p.key, p.n, group, window) }))
  const marked = points.some((p) => p.marks.length > 0)
  const hasBand = points.some((p) => p.low !== null)
  const { options, data } = useMemo(() => {
    const c = palette()
    const xs = points.map((p) => secondsOf(p.key))
    const extent = extentOf(points)
    const tick = new Intl.DateTimeFormat(
      lang,
      group === 'month'
        ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
        : { day: 'numeric', month: 'short', timeZone: 'UTC' },
    )
    const data: uPlot.AlignedData = [
      xs,
      points.map((p) => p.value),
      points.map((p) => p.high),
      points.map((p) => p.low),
      // Read with care (partial period, few answers): drawn again as hollow rings on the line.
      points.map((p) => (p.marks.length ? p.value : null)),
    ]
    const axis = { stroke: c.muted, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid } }
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // Left alone, uPlot pads a single point's time axis by years (2027–2029 for one week).
        x: {
          time: true,
          range: () => [Math.min(...xs) - HALF_BUCKET[group], Math.max(...xs) + HALF_BUCKET[group]],
        },
        y: kind === 'nps' ? { range: () => npsRange(null, extent.min, extent.max) } : {},
      },
      axes: [
        {
          ...axis,
          // A few buckets: a tick on each (uPlot would tick hours between two days).
          ...(xs.length <= 12 ? { splits: () => xs } : {}),
          // Dates in the reader's language (uPlot's own names are English).
          values: (_u, splits) => splits.map((s) => tick.format(new Date(s * 1000))),
        },
        { ...axis, size: 44 },
      ],
      series: [
        {},
        {
          stroke: c.accent,
          width: 2,
          points: { show: points.length < 60, size: 5, fill: c.accent },
        },
        { stroke: c.band, width: 1 },
        { stroke: c.band, width: 1 },
        {
          stroke: c.accent,
          width: 0,
          paths: () => null,
          points: { show: true, size: 9, width: 2, stroke: c.accent, fill: c.card },
        },
      ],
      bands: hasBand ? [{ series: [2, 3], fill: c.band }] : [],
    }
    return { options, data }
  }, [series, kind, group, lang, window.from, window.to])
  const note = (marks: Mark[]) => marks.map((m) => t(MARK_TEXT[m])).join(', ')
  return (
    <ChartFigure
      title={title}
      caption={
        t(hasBand ? 'trendCaption' : 'trendCaptionPlain', { group: t(group).toLowerCase() }) +
        (marked ? `. ${t('trendMarked')}` : '')
      }
    >
      {points.length ? <UPlot options={options} data={data} /> : <p>{t('noAnswers')}</p>}
      <DataTable
        caption={title}
        head={[t('period'), t('figure'), t('low'), t('high'), t('n'), t('markNote')]}
        rows={points.map((p) => [
          p.key,
          num(lang, p.value, digits),
          num(lang, p.low, digits),
          num(lang, p.high, digits),
          p.n,
          note(p.marks),
        ])}
      />
    </ChartFigure>
  )
}

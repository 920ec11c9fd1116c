// Answers per score (0–10, 1–7 or 1–5), each bar coloured by its category; without per-score
// counts from the server, the answers per category.
import { useMemo } from 'preact/hooks'
import uPlot from 'uplot'
import { SCALES } from '../../schema/constants'
import { classify, polarityOf } from '../../schema/scoring'
import { categoryCounts, type WithDistribution } from '../lib/figures'
import { useI18n } from '../lib/i18n'
import { palette } from './colors'
import { ChartFigure, DataTable } from './DataTable'
import { UPlot } from './UPlot'

const TONES = ['positive', 'neutral', 'negative'] as const

export function DistributionChart({ metrics }: { metrics: WithDistribution }) {
  const { t } = useI18n()
  const perScore = metrics.distribution
  const { options, data, rows } = useMemo(() => {
    const c = palette()
    const colour = { positive: c.positive, neutral: c.neutral, negative: c.negative }
    const axis = { stroke: c.muted, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid } }
    let labels: string[]
    let counts: number[]
    let tones: (typeof TONES)[number][]
    let rows: (string | number)[][]
    if (perScore) {
      const { min, max } = SCALES[metrics.kind]
      labels = []
      counts = []
      tones = []
      rows = []
      for (let s = min; s <= max; s++) {
        const count = perScore.find((d) => d.score === s)?.count ?? 0
        labels.push(String(s))
        counts.push(count)
        tones.push(polarityOf(metrics.kind, s))
        rows.push([s, count, classify(metrics.kind, s)])
      }
    } else {
      const cats = categoryCounts(metrics)
      labels = cats.map((x) => x.label)
      counts = cats.map((x) => x.count)
      tones = cats.map((x) => x.tone)
      rows = cats.map((x) => [x.label, x.count])
    }
    const xs = labels.map((_, i) => i)
    // One bar series per tone, so each category has its colour (and its legend entry in the table).
    const data: uPlot.AlignedData = [
      xs,
      ...TONES.map((tone) => counts.map((n, i) => (tones[i] === tone ? n : null))),
    ]
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [-0.5, xs.length - 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
      },
      axes: [
        {
          ...axis,
          grid: { show: false },
          splits: () => xs,
          values: (_u, splits) => splits.map((i) => labels[i] ?? ''),
        },
        { ...axis, size: 44 },
      ],
      series: [
        {},
        ...TONES.map((tone) => ({
          fill: colour[tone],
          stroke: colour[tone],
          paths: uPlot.paths.bars!({ size: [0.7, 60], align: 0 }),
          points: { show: false },
        })),
      ],
    }
    return { options, data, rows }
  }, [metrics])
  const title = perScore ? t('distribution') : t('categories')
  return (
    <ChartFigure
      title={title}
      caption={perScore ? t('distributionCaption') : t('categoriesCaption')}
    >
      {metrics.total ? (
        <UPlot options={options} data={data} height={200} />
      ) : (
        <p>{t('noAnswers')}</p>
      )}
      <DataTable
        caption={title}
        head={perScore ? [t('score'), t('count'), t('category')] : [t('category'), t('count')]}
        rows={rows}
      />
    </ChartFigure>
  )
}

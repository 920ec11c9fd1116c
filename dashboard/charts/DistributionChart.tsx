// Answers per score (0–10, 1–7 or 1–5) from the metrics answer's `distribution`, each bar
// coloured by its category.
import { useMemo } from 'preact/hooks'
import uPlot from 'uplot'
import { SCALES } from '../../schema/constants'
import type { Metrics } from '../../schema/metrics'
import { classify, polarityOf } from '../../schema/scoring'
import { useI18n } from '../lib/i18n'
import { palette } from './colors'
import { ChartFigure, DataTable } from './DataTable'
import { UPlot } from './UPlot'

const TONES = ['positive', 'neutral', 'negative'] as const

export function DistributionChart({ metrics }: { metrics: Metrics }) {
  const { t } = useI18n()
  const { options, data, rows } = useMemo(() => {
    const c = palette()
    const colour = { positive: c.positive, neutral: c.neutral, negative: c.negative }
    const axis = { stroke: c.muted, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid } }
    const { min, max } = SCALES[metrics.kind]
    const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i)
    const counts = scores.map((s) => metrics.distribution.find((d) => d.score === s)?.count ?? 0)
    const tones = scores.map((s) => polarityOf(metrics.kind, s))
    const xs = scores.map((_, i) => i)
    // One bar series per tone, so each category has its colour.
    const data: uPlot.AlignedData = [
      xs,
      ...TONES.map((tone) => counts.map((n, i) => (tones[i] === tone ? n : null))),
    ]
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [-0.5, xs.length - 0.5] },
        y: { range: (_u, _min, top) => [0, Math.max(1, top) * 1.1] },
      },
      axes: [
        {
          ...axis,
          grid: { show: false },
          splits: () => xs,
          values: (_u, splits) => splits.map((i) => String(scores[i] ?? '')),
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
    const rows = scores.map((s, i) => [s, counts[i], t(classify(metrics.kind, s))])
    return { options, data, rows }
  }, [metrics, t])
  return (
    <ChartFigure title={t('distribution')} caption={t('distributionCaption')}>
      {metrics.total ? (
        <UPlot options={options} data={data} height={200} />
      ) : (
        <p>{t('noAnswers')}</p>
      )}
      <DataTable
        caption={t('distribution')}
        head={[t('score'), t('count'), t('category')]}
        rows={rows}
      />
    </ChartFigure>
  )
}

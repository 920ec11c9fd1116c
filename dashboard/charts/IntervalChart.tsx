// The figure per touchpoint or segment value: a dot for the figure and a bar from the low to the
// high end of its 95 % interval (uPlot bars with data-driven ends).
import { useMemo } from 'preact/hooks'
import uPlot from 'uplot'
import type { SurveyKind } from '../../schema/constants'
import { digitsOf, extentOf, figureOf, type SeriesItem } from '../lib/figures'
import { num } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { npsRange, palette } from './colors'
import { ChartFigure, DataTable } from './DataTable'
import { UPlot } from './UPlot'

// uPlot's BarsPathBuilderFacetUnit.ScaleValue (a const enum in its typings).
const SCALE_VALUE = 1

interface Props {
  kind: SurveyKind
  series: SeriesItem[]
  title: string
}

export function IntervalChart({ kind, series, title }: Props) {
  const { t, lang } = useI18n()
  const digits = digitsOf(kind)
  const items = series.map((s) => ({ label: s.key ?? t('none'), ...figureOf(s) }))
  const hasInterval = items.some((i) => i.low !== null)
  const { options, data } = useMemo(() => {
    const c = palette()
    const extent = extentOf(items)
    const xs = items.map((_, i) => i)
    const axis = { stroke: c.muted, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid } }
    const interval = uPlot.paths.bars!({
      size: [0.35, 24],
      disp: {
        y0: { unit: SCALE_VALUE, values: () => items.map((i) => i.low) },
        y1: { unit: SCALE_VALUE, values: () => items.map((i) => i.high) },
      },
    })
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [-0.5, xs.length - 0.5] },
        // From the bands' ends too, not only the plotted tops: no band is clipped.
        y: kind === 'nps' ? { range: () => npsRange(null, extent.min, extent.max) } : {},
      },
      axes: [
        {
          ...axis,
          grid: { show: false },
          splits: () => xs,
          values: (_u, splits) => splits.map((i) => items[i]?.label ?? ''),
        },
        { ...axis, size: 44 },
      ],
      series: [
        {},
        ...(hasInterval
          ? [{ fill: c.band, stroke: c.band, paths: interval, points: { show: false } }]
          : []),
        {
          stroke: c.accent,
          width: 0,
          paths: () => null,
          points: { show: true, size: 10, fill: c.accent, stroke: c.accent },
        },
      ],
    }
    const values = items.map((i) => i.value)
    const data: uPlot.AlignedData = hasInterval
      ? [xs, items.map((i) => i.high), values]
      : [xs, values]
    return { options, data }
  }, [series, kind])
  return (
    <ChartFigure title={title} caption={t('intervalCaption')}>
      {items.length ? (
        <UPlot options={options} data={data} height={200} />
      ) : (
        <p>{t('noAnswers')}</p>
      )}
      <DataTable
        caption={title}
        head={[title, t('figure'), t('low'), t('high'), t('n')]}
        rows={items.map((i) => [
          i.label,
          num(lang, i.value, digits),
          num(lang, i.low, digits),
          num(lang, i.high, digits),
          i.n,
        ])}
      />
    </ChartFigure>
  )
}

// A uPlot chart as a Preact component: made on mount, resized with its box, remade when its
// options or data change, and hidden from screen readers (each chart has a table beside it).
import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

interface Props {
  /** Everything but width and height, which follow the container. */
  options: Omit<uPlot.Options, 'width' | 'height'>
  data: uPlot.AlignedData
  height?: number
}

export function UPlot({ options, data, height = 240 }: Props) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const width = () => Math.max(200, el.clientWidth)
    const chart = new uPlot({ ...options, width: width(), height }, data, el)
    const ro = new ResizeObserver(() => chart.setSize({ width: width(), height }))
    ro.observe(el)
    // A theme switch changes the CSS colours the options were made with: remake the chart.
    return () => {
      ro.disconnect()
      chart.destroy()
    }
  }, [options, data, height])
  return <div class="chart" ref={box} aria-hidden="true" />
}

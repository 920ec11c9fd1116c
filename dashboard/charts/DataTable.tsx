// Every chart is also a table (screen readers, copy-paste), folded under the chart.
import type { ComponentChildren } from 'preact'
import { useI18n } from '../lib/i18n'

interface Props {
  caption: string
  head: string[]
  rows: (string | number)[][]
}

export function DataTable({ caption, head, rows }: Props) {
  const { t } = useI18n()
  return (
    <details class="as-table">
      <summary>{t('showTable')}</summary>
      <div class="scroll">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>{r.map((c, i) => (i === 0 ? <th scope="row">{c}</th> : <td>{c}</td>))}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

export function ChartFigure(props: {
  title: string
  caption: string
  children: ComponentChildren
}) {
  return (
    <figure class="card chart-card">
      <h2>{props.title}</h2>
      <figcaption class="muted">{props.caption}</figcaption>
      {props.children}
    </figure>
  )
}

// Answers as a table: score, category, reason, touchpoint, ref, customer, date.
import type { Response } from '../../schema/response'
import { polarityOf } from '../../schema/scoring'
import { dateTime } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { BASE } from '../lib/router'

interface Props {
  rows: Response[]
  caption: string
  /** Adds a survey column (a customer's journey crosses surveys). */
  surveyName?: (surveyId: string) => string
}

export function ResponsesTable({ rows, caption, surveyName }: Props) {
  const { t, lang } = useI18n()
  return (
    <div class="scroll card">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('score')}</th>
            <th scope="col">{t('category')}</th>
            <th scope="col">{t('reason')}</th>
            <th scope="col">{t('touchpoint')}</th>
            <th scope="col">{t('ref')}</th>
            <th scope="col">{t('customer')}</th>
            <th scope="col">{t('date')}</th>
            {surveyName && <th scope="col">{t('survey')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <span class={`score tone-${polarityOf(r.kind, r.score)}`}>{r.score}</span>
              </td>
              <td>{t(r.category)}</td>
              <td class="reason-cell">
                <span class="clamp">{r.reason ?? ''}</span>
              </td>
              <td>{r.touchpoint ?? ''}</td>
              <td>{r.ref ?? ''}</td>
              <td>
                {r.customerId && (
                  <a href={`${BASE}/customers/${encodeURIComponent(r.customerId)}`}>
                    {r.customerId}
                  </a>
                )}
              </td>
              <td>
                <a href={`${BASE}/responses/${encodeURIComponent(r.id)}`}>
                  {dateTime(lang, r.answeredAt)}
                </a>
              </td>
              {surveyName && <td>{surveyName(r.surveyId)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

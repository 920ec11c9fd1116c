// A Slack Block Kit message for an incoming webhook (https://api.slack.com/messaging/webhooks,
// https://api.slack.com/reference/block-kit/blocks), within Block Kit's limits: header text
// ≤ 150 characters, section text ≤ 3,000, ≤ 10 fields of ≤ 2,000, button label ≤ 75.
import { SCALES, type WebhookEvent } from '../../schema/constants'
import { polarityOf, type Polarity } from '../../schema/scoring'
import type { WebhookResponseData } from '../../schema/webhook'
import { slackCopyFor } from './slack-copy'

const MARKS: Record<Polarity, string> = { positive: '🟢', neutral: '🟡', negative: '🔴' }

/** Slack's mrkdwn needs only &, < and > escaped; escaping also defuses <!channel> in a reason. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)
const quote = (s: string) =>
  cut(s, 2900)
    .split('\n')
    .map((line) => `>${esc(line)}`)
    .join('\n')

export interface SlackOptions {
  locale: string | undefined
  /** The answer in the dashboard. */
  link: string
}

export function slackAlert(type: WebhookEvent, r: WebhookResponseData, o: SlackOptions) {
  const t = slackCopyFor(o.locale)
  const mark = MARKS[polarityOf(r.kind, r.score)]
  const score = `${r.score}/${SCALES[r.kind].max}`
  const title = cut(`${mark} ${t.category[r.category]} · ${score}`, 150)
  const field = (label: string, value: string) => ({
    type: 'mrkdwn',
    text: cut(`*${esc(label)}*\n${esc(value)}`, 2000),
  })
  const fields = [
    field(t.survey, r.surveyName),
    r.touchpoint && field(t.touchpoint, r.touchpoint),
    r.ref && field(t.ref, r.ref),
    (r.customerId || r.email) &&
      field(t.customer, [r.customerId, r.email].filter(Boolean).join(' · ')),
    type === 'followup.updated' && r.followUp && field(t.followUp, r.followUp),
  ].filter((f) => !!f)
  return {
    text: cut(`${t.category[r.category]} ${score} · ${r.surveyName}`, 300),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: r.reason ? quote(r.reason) : `_${esc(t.noReason)}_` },
      },
      { type: 'section', fields },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${esc(t.event[type])} · ${r.answeredAt}` }],
      },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: cut(t.open, 75) }, url: o.link },
        ],
      },
    ],
  }
}

export function slackTestMessage(locale: string | undefined) {
  const text = slackCopyFor(locale).test
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: esc(text) } }] }
}

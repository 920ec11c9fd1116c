// Slack-format endpoints: a Block Kit message within Slack's limits, in the survey's first
// locale, unsigned, with the reason escaped so it cannot ping a channel.
import { describe, expect, it } from 'vitest'
import { SLACK_COPY } from '../../../worker/webhooks/slack-copy'
import { createSurvey, createProject } from '../helpers'
import { consume, createHook, deliveriesOf, deps, receiver, storeAnswer } from './helpers'

const SLACK = 'https://hooks.slack.com/services/T0123ABC/B0456DEF/s3cr3tT0k3nXyZ'

type Block = { type: string; [k: string]: any }

/** The Block Kit rules an incoming webhook enforces on what we send (api.slack.com/reference/block-kit). */
function expectValidBlockKit(msg: { text?: string; blocks: Block[] }) {
  expect(typeof msg.text).toBe('string')
  expect(msg.blocks.length).toBeGreaterThan(0)
  expect(msg.blocks.length).toBeLessThanOrEqual(50)
  const textObj = (t: any, max: number, kinds = ['plain_text', 'mrkdwn']) => {
    expect(kinds).toContain(t.type)
    expect(typeof t.text).toBe('string')
    expect(t.text.length).toBeGreaterThan(0)
    expect(t.text.length).toBeLessThanOrEqual(max)
  }
  for (const b of msg.blocks) {
    if (b.type === 'header') textObj(b.text, 150, ['plain_text'])
    else if (b.type === 'section') {
      expect(b.text || b.fields).toBeTruthy()
      if (b.text) textObj(b.text, 3000)
      if (b.fields) {
        expect(b.fields.length).toBeLessThanOrEqual(10)
        for (const f of b.fields) textObj(f, 2000)
      }
    } else if (b.type === 'context') {
      expect(b.elements.length).toBeLessThanOrEqual(10)
      for (const e of b.elements) textObj(e, 3000)
    } else if (b.type === 'actions') {
      expect(b.elements.length).toBeLessThanOrEqual(25)
      for (const e of b.elements) {
        expect(e.type).toBe('button')
        textObj(e.text, 75, ['plain_text'])
        expect(() => new URL(e.url)).not.toThrow()
        expect(e.url.length).toBeLessThanOrEqual(3000)
      }
    } else throw new Error(`unexpected block type ${b.type}`)
  }
}

describe('a Slack alert', () => {
  it('is a valid Block Kit body with score, category, reason, touchpoint, ref, customer, survey and link', async () => {
    const project = await createProject()
    const survey = await createSurvey(project.secretKey, { name: 'Efter køb', texts: { da: {} } })
    const hook = await createHook(project.secretKey, {
      url: SLACK,
      format: 'slack',
      filter: { categories: ['detractor'] },
    })
    const stored = await storeAnswer(survey.id, {
      score: 3,
      reason: 'Pakken kom for sent <!channel> & <https://evil.example|klik>',
      touchpoint: 'levering',
      ref: 'ORD-7',
      customerId: 'cus_42',
      email: 'ann@example.com',
    })
    const [row] = await deliveriesOf(hook.id)
    const r = receiver()
    await consume([row.id], deps({ fetch: r.fetch }))
    const [got] = r.got
    expect(got.url).toBe(SLACK)
    expect(got.headers['webhook-signature']).toBeUndefined()
    const msg = JSON.parse(got.body)
    expectValidBlockKit(msg)
    const da = SLACK_COPY.da
    const all = JSON.stringify(msg)
    expect(msg.blocks[0].text.text).toBe(`🔴 ${da.category.detractor} · 3/10`)
    expect(msg.blocks[1].text.text).toBe(
      '>Pakken kom for sent &lt;!channel&gt; &amp; &lt;https://evil.example|klik&gt;',
    )
    for (const s of [
      `*${da.touchpoint}*\\nlevering`,
      `*${da.ref}*\\nORD-7`,
      `*${da.customer}*\\ncus_42 · ann@example.com`,
      `*${da.survey}*\\nEfter køb`,
      da.event['response.created'],
    ])
      expect(all).toContain(s)
    expect(msg.blocks.at(-1).elements[0]).toMatchObject({
      text: { text: da.open },
      url: `http://kundepuls.test/app/responses/${stored.id}`,
    })
    expect(all).not.toContain('<!channel>')
  })

  it('falls back to English for a survey without a known locale and says when no reason was given', async () => {
    const project = await createProject()
    const survey = await createSurvey(project.secretKey, { kind: 'ces' })
    const hook = await createHook(project.secretKey, { url: SLACK, format: 'slack' })
    await storeAnswer(survey.id, { score: 2 })
    const [row] = await deliveriesOf(hook.id)
    const r = receiver()
    await consume([row.id], deps({ fetch: r.fetch }))
    const msg = JSON.parse(r.got[0].body)
    expectValidBlockKit(msg)
    expect(msg.blocks[0].text.text).toBe('🔴 Difficult · 2/7')
    expect(msg.blocks[1].text.text).toBe('_No reason given_')
  })

  it('has every label in every locale', () => {
    for (const [locale, copy] of Object.entries(SLACK_COPY)) {
      const values = [
        ...Object.values(copy.category),
        ...Object.values(copy.event),
        copy.score,
        copy.reason,
        copy.noReason,
        copy.touchpoint,
        copy.ref,
        copy.customer,
        copy.survey,
        copy.followUp,
        copy.open,
        copy.test,
      ]
      expect(
        values.every((v) => typeof v === 'string' && v.length > 0),
        locale,
      ).toBe(true)
    }
  })
})

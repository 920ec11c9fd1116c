// The survey flow: score (saved at once) → follow-up for its category, with the scale kept to
// change the score → thank-you. The answer's edit token goes with it and with every change.
import { Fragment, h } from 'preact'
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { Locale } from '../../schema/constants'
import { classify, polarityOf } from '../../schema/scoring'
import type { WidgetMessages } from '../../schema/widget-messages'
import { editToken } from '../lib/edit-token'
import type {
  ImpressionInput,
  MountContext,
  PublicResponseInput,
  PublicResponsePatch,
  Reply,
} from '../lib/types'
import { uuid } from '../lib/uuid'
import { copyOf, safeUrl } from './copy'
import { Scale } from './Scale'

interface Props {
  ctx: MountContext
  m: WidgetMessages
  locale: Locale
  rtl: boolean
  /** Removes the widget. */
  onClose: () => void
}

type Step = 'score' | 'reason' | 'thanks'
/** What is on screen: a step, or the refusal that replaces it for good. */
type Shown = Step | 'refused'

export function App({ ctx, m, locale, rtl, onClose }: Props) {
  const { survey, options: o } = ctx
  const copy = copyOf(survey, m, locale)
  const [step, setStep] = useState<Step>('score')
  // The checked option while choosing; then the score that was sent (prompts follow it).
  const [value, setValue] = useState<number | null>(null)
  const [note, setNote] = useState('')
  const [said, say] = useState('')
  // The server refused the answer for good (4xx): never thank for an answer that is not kept.
  const [refused, setRefused] = useState(false)
  const shown: Shown = refused ? 'refused' : step
  // Uncontrolled fields, read on send: no re-render per keystroke.
  const reason = useRef<HTMLTextAreaElement>(null)
  const consent = useRef<HTMLInputElement>(null)
  const email = useRef<HTMLInputElement>(null)
  const thanks = useRef<HTMLParagraphElement>(null)
  const answer = useRef<{ id: string; editToken: string; sent: Promise<Reply> }>(undefined)
  // One display: its shown and dismissed impressions share this id.
  const displayId = useRef(uuid()).current
  const who = { touchpoint: o.touchpoint, customerId: o.customerId, customerHash: o.customerHash }
  // Consent is worth asking only with a way to reach the person: else an email field comes with it.
  const reachable = !!(o.customerId || o.email)

  const impression = (type: 'shown' | 'dismissed') =>
    ctx.send('/v1/public/impressions', 'POST', {
      id: displayId,
      surveyId: survey.id,
      type,
      ...who,
    } satisfies ImpressionInput)

  // Shown: sent after the first frame is painted (an effect), so that its localStorage write and
  // request never delay it (issue 21.2); an answer, a dismissal or removal (hide(): the layout
  // effect's cleanup) before that sends it first: never lost, always before an answer or dismissal.
  const shownSent = useRef(false)
  const shown1st = () => {
    if (!shownSent.current) ((shownSent.current = true), void impression('shown'))
  }
  useLayoutEffect(() => shown1st, [])
  useEffect(() => {
    shown1st()
    // Announced once, politely, without moving focus: the live region exists before its text.
    const t = setTimeout(() => say(`${m.surveyLabel}: ${copy.question}`), 100)
    return () => clearTimeout(t)
  }, [])
  // Focus follows the flow once the visitor has acted; showing the survey never steals focus.
  useEffect(() => (shown === 'reason' ? reason : thanks).current?.focus(), [shown])

  const refuse = () => (setRefused(true), setNote(''))

  const pick = (score: number) => {
    if (answer.current) return
    shown1st()
    const id = uuid()
    const token = editToken()
    const sent = ctx.send('/v1/public/responses', 'POST', {
      id,
      editToken: token,
      surveyId: survey.id,
      score,
      ref: o.ref,
      email: o.email,
      properties: o.properties,
      locale,
      pageUrl: location.href,
      ...who,
    } satisfies PublicResponseInput)
    answer.current = { id, editToken: token, sent }
    ctx.contacted()
    setValue(score)
    setStep('reason')
    setNote(m.saved)
    sent.then((body) => (body === null ? refuse() : body === undefined && setNote(m.offline)))
  }

  /** Changes the sent answer, proving it is ours with its edit token: merged into its POST while
   * that waits in the queue, else a PATCH (to the id the server answered with). */
  const amend = async (patch: Omit<PublicResponsePatch, 'editToken'>) => {
    const a = answer.current
    if (!a) return
    const body = await a.sent
    // A refused answer is on screen already; there is nothing to change.
    if (body === null) return
    const p = { editToken: a.editToken, ...patch } satisfies PublicResponsePatch
    const result =
      ctx.merge(a.id, p) || (await ctx.send(`/v1/public/responses/${body?.id ?? a.id}`, 'PATCH', p))
    // An object is the server's answer, null its refusal; undefined (or true, merged into a
    // queued POST) is queued.
    if (result === null) refuse()
    else if (typeof result != 'object') setNote(m.offline)
  }

  /** Another score on the follow-up step: the same answer changes, the prompt follows. */
  const change = (score: number) => {
    if (score === value) return
    setValue(score)
    void amend({ score })
  }

  /** Sends the reason and consent (unless skipped), then thanks once the server kept the answer
   * (or it is queued): a refusal shows instead. */
  const finish = async (skip: boolean) => {
    const text = reason.current?.value.trim()
    const agreed = consent.current?.checked
    const e = email.current
    // Consent without a known contact needs a valid address; the browser says what is wrong.
    if (!skip && e && !((e.required = !!agreed), e.reportValidity())) return
    const mail = agreed && e?.value.trim()
    const patch = {
      ...(text && { reason: text }),
      ...(agreed && { contactConsent: true }),
      ...(mail && { email: mail }),
    }
    setNote('')
    await (!skip && Object.keys(patch).length ? amend(patch) : answer.current?.sent)
    setStep('thanks')
  }

  // Closing before answering is a dismissal: recorded, and it throttles like an answer.
  const close = () => {
    if (shown === 'score') (shown1st(), void impression('dismissed'), ctx.contacted())
    onClose()
  }
  const polarity = value === null ? null : polarityOf(survey.kind, value)
  const referral = polarity === 'positive' ? safeUrl(survey.referralUrl) : undefined
  const review = safeUrl(survey.reviewUrl)
  const scale = {
    kind: survey.kind,
    value,
    rtl,
    label: copy.question,
    scoreOf: m.scoreOf,
    lowLabel: copy.lowLabel,
    highLabel: copy.highLabel,
  }

  return (
    <div
      class="c"
      role="region"
      aria-label={m.surveyLabel}
      dir={rtl ? 'rtl' : 'ltr'}
      lang={locale}
      onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), close())}
    >
      <button type="button" class="x" aria-label={m.close} onClick={close}>
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <path
            d="M3 3l10 10M13 3L3 13"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
          />
        </svg>
      </button>
      {shown === 'score' && (
        <>
          <p class="q">{copy.question}</p>
          <Scale {...scale} onMove={setValue} onPick={pick} />
        </>
      )}
      {shown === 'reason' && value !== null && (
        <form onSubmit={(e) => (e.preventDefault(), void finish(false))}>
          <Scale {...scale} compact onPick={change} />
          <label class="f" for="kp-r">
            {copy.followUp(classify(survey.kind, value))}
          </label>
          <textarea id="kp-r" ref={reason} maxLength={2000} placeholder={m.reasonPlaceholder} />
          {polarity === 'negative' && (
            <label class="k">
              <input type="checkbox" ref={consent} />
              <span>{m.contactConsent}</span>
            </label>
          )}
          {polarity === 'negative' && !reachable && (
            <label class="m">
              {m.contactEmail}
              <input
                type="email"
                ref={email}
                maxLength={254}
                autocomplete="email"
                pattern=".+@.+[.].+"
              />
            </label>
          )}
          <div class="a">
            <button type="button" class="btn g" onClick={() => void finish(true)}>
              {m.skip}
            </button>
            <button type="submit" class="btn">
              {m.send}
            </button>
          </div>
        </form>
      )}
      {shown === 'refused' && (
        <p class="t" role="alert" tabIndex={-1} ref={thanks}>
          {m.refused}
        </p>
      )}
      {shown === 'thanks' && (
        <>
          <p class="t" tabIndex={-1} ref={thanks}>
            {copy.thankYou}
          </p>
          {(referral || review) && (
            <div class="l">
              {referral && (
                <a class="btn" href={referral} target="_blank" rel="noopener noreferrer">
                  {m.referral}
                </a>
              )}
              {review && (
                <a
                  class={referral ? 'btn g' : 'btn'}
                  href={review}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {m.review}
                </a>
              )}
            </div>
          )}
        </>
      )}
      <p class="n" role="status">
        {note}
      </p>
      <p class="v" aria-live="polite">
        {said}
      </p>
    </div>
  )
}

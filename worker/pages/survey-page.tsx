/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The hosted survey: one plain form (radio scores, reason, consent, send) that works without
// JavaScript. Every text is rendered through JSX, which escapes it.
import { CATEGORIES, LIMITS, type Locale, type SurveyKind } from '../../schema/constants'
import { MESSAGES, format } from '../../schema/i18n'
import type { SurveyCopy } from '../../schema/survey-copy'
import { classify } from '../../schema/scoring'
import { Layout } from './layout'

export interface SurveyPageProps {
  action: string
  locale: Locale
  kind: SurveyKind
  scale: { min: number; max: number }
  copy: SurveyCopy
  selected?: number
  reason?: string
  contactConsent?: boolean
  /** Consent is offered only when the link knows how to reach the person (customer or email). */
  offerConsent: boolean
  /** Set when a sent form had no valid score. */
  error?: boolean
}

export function SurveyPage(props: SurveyPageProps) {
  const m = MESSAGES[props.locale]
  const { min, max } = props.scale
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i)
  // The prompt starts neutral: without JavaScript the score may still change before Send, and a
  // "Great to hear!" above a 3 would be wrong. The script swaps in the chosen score's category.
  const prompts = Object.fromEntries(
    CATEGORIES[props.kind].map((c) => [`data-${c}`, props.copy.followUp(c)]),
  )
  return (
    <Layout locale={props.locale} title={`${m.surveyLabel}: ${props.copy.question}`} script>
      <form id="kp-form" method="post" action={props.action}>
        <fieldset aria-describedby={props.error ? 'kp-scale kp-error' : 'kp-scale'}>
          <legend>
            <h1>{props.copy.question}</h1>
          </legend>
          <div class={`scores n${scores.length}`}>
            {scores.map((n) => (
              <label class="score">
                <input
                  type="radio"
                  name="score"
                  value={String(n)}
                  required
                  checked={n === props.selected}
                  aria-label={format(m.scoreOf, { n, max })}
                  data-c={classify(props.kind, n)}
                />
                <span>{n}</span>
              </label>
            ))}
          </div>
          <p id="kp-scale" class="scale">
            <span>
              {min} = {props.copy.lowLabel}
            </span>
            <span>
              {max} = {props.copy.highLabel}
            </span>
          </p>
          {props.error ? (
            <p id="kp-error" class="error" role="alert">
              {m.chooseScore}
            </p>
          ) : null}
        </fieldset>
        <label id="kp-prompt" class="prompt" for="kp-reason" {...prompts}>
          {m.reasonPlaceholder}
        </label>
        <textarea
          id="kp-reason"
          name="reason"
          rows={4}
          maxlength={LIMITS.reason}
          placeholder={m.reasonPlaceholder}
        >
          {props.reason ?? ''}
        </textarea>
        {props.offerConsent && (
          <label class="consent">
            <input
              type="checkbox"
              name="contactConsent"
              value="yes"
              checked={props.contactConsent ?? false}
            />
            <span>{m.contactConsent}</span>
          </label>
        )}
        <button type="submit">{m.send}</button>
        <p id="kp-status" class="status" role="status" data-saved={m.saved}></p>
      </form>
    </Layout>
  )
}

export interface ThankYouProps {
  locale: Locale
  copy: SurveyCopy
  /** Promoters (or easy / satisfied answers) are asked to recommend; everyone may review. */
  referralUrl: string | null
  reviewUrl: string | null
}

export function ThankYouPage(props: ThankYouProps) {
  const m = MESSAGES[props.locale]
  const links = props.referralUrl || props.reviewUrl
  return (
    <Layout locale={props.locale} title={props.copy.thankYou}>
      <h1>{props.copy.thankYou}</h1>
      {links ? (
        <p class="links">
          {props.referralUrl ? (
            <a class="button" href={props.referralUrl} rel="noopener noreferrer">
              {m.referral}
            </a>
          ) : null}
          {props.reviewUrl ? (
            <a
              class={props.referralUrl ? 'button quiet' : 'button'}
              href={props.reviewUrl}
              rel="noopener noreferrer"
            >
              {m.review}
            </a>
          ) : null}
        </p>
      ) : null}
    </Layout>
  )
}

/** A friendly page for a link that cannot be answered (expired, invalid, rate limited). */
export function MessagePage(props: { locale: Locale; title: string; detail?: string }) {
  return (
    <Layout locale={props.locale} title={props.title}>
      <h1>{props.title}</h1>
      {props.detail ? <p>{props.detail}</p> : null}
    </Layout>
  )
}

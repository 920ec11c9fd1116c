/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The email snippet a support tool pastes into its message: the question and one link per score.
// Mail clients (Outlook's Word engine, Gmail) ignore <style> and flexbox, so it is nested tables
// with inline styles only. A link only preselects its score: scanners that follow it record nothing.
import type { Locale } from '../../schema/constants'
import { isRtl } from '../../schema/i18n'
import type { SurveyCopy } from '../../schema/survey-copy'

interface EmailProps {
  url: string
  locale: Locale
  scale: { min: number; max: number }
  copy: SurveyCopy
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;'
const CELL =
  'display:block;width:30px;height:30px;line-height:30px;text-align:center;border:1px solid #b9bfcb;' +
  'border-radius:6px;background:#ffffff;color:#2451c7;font-size:15px;font-weight:bold;text-decoration:none;' +
  FONT

function Snippet({ url, locale, scale, copy }: EmailProps) {
  const scores = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i)
  const dir = isRtl(locale) ? 'rtl' : 'ltr'
  return (
    <table
      role="presentation"
      cellpadding="0"
      cellspacing="0"
      border={0}
      dir={dir}
      lang={locale}
      style={`border-collapse:collapse;${FONT}color:#1d2330`}
    >
      <tr>
        <td style={`padding:0 0 12px;font-size:16px;line-height:1.4;font-weight:bold;${FONT}`}>
          {copy.question}
        </td>
      </tr>
      <tr>
        <td>
          <table
            role="presentation"
            cellpadding="0"
            cellspacing="0"
            border={0}
            style="border-collapse:collapse"
          >
            <tr>
              {scores.map((n) => (
                <td style="padding:0 1px">
                  <a href={`${url}?score=${n}`} target="_blank" style={CELL}>
                    {n}
                  </a>
                </td>
              ))}
            </tr>
          </table>
        </td>
      </tr>
      <tr>
        <td>
          <table
            role="presentation"
            width="100%"
            cellpadding="0"
            cellspacing="0"
            border={0}
            style="border-collapse:collapse"
          >
            <tr>
              <td
                align={dir === 'rtl' ? 'right' : 'left'}
                style={`padding:6px 0 0;font-size:12px;color:#535c6e;${FONT}`}
              >
                {scale.min} = {copy.lowLabel}
              </td>
              <td
                align={dir === 'rtl' ? 'left' : 'right'}
                style={`padding:6px 0 0;font-size:12px;color:#535c6e;${FONT}`}
              >
                {scale.max} = {copy.highLabel}
              </td>
            </tr>
          </table>
        </td>
      </tr>
    </table>
  )
}

export function emailSnippet(props: EmailProps): { html: string; text: string } {
  const { copy, scale, url } = props
  return {
    html: String(Snippet(props)),
    text: `${copy.question}\n${scale.min} = ${copy.lowLabel}, ${scale.max} = ${copy.highLabel}\n\n${url}\n`,
  }
}

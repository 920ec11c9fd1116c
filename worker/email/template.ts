// The survey email's HTML: nested tables with inline styles (Outlook's Word engine and Gmail drop
// flexbox and most of <style>), a fluid score row whose links wrap on a phone and sit in a table
// for Outlook (MSO conditional comments), and a dark palette for clients that honour
// prefers-color-scheme (Apple Mail, Outlook.com; Gmail's apps invert colours themselves).
// Every score link is ≥ 44 × 44 CSS px (WCAG 2.5.5). No images, no tracking pixel.

import { escapeHtml } from '../lib/html'

export interface TemplateInput {
  lang: string
  dir: 'ltr' | 'rtl'
  subject: string
  company: string
  intro: string
  question: string
  scores: { n: number; href: string }[]
  lowLabel: string
  highLabel: string
  hint: string
  why: string
  unsubscribe: { label: string; href: string }
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Arial,Helvetica,sans-serif;"
/** A score: inline-block so a row wraps on a narrow screen; 44 px square at the least. */
const SCORE =
  'display:inline-block;box-sizing:border-box;min-width:44px;height:44px;line-height:42px;' +
  'margin:4px 2px;padding:0 6px;border:1px solid #aeb5c2;border-radius:8px;background:#ffffff;' +
  'color:#1f47b8;font-size:18px;font-weight:bold;text-align:center;text-decoration:none;' +
  FONT

const DARK = `
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  @media (prefers-color-scheme: dark) {
    .kp-bg { background: #11141b !important; }
    .kp-card { background: #1b202b !important; }
    .kp-text { color: #e9ecf2 !important; }
    .kp-muted { color: #a9b1c1 !important; }
    .kp-score { background: #232b3b !important; color: #a8c1ff !important; border-color: #55627c !important; }
    .kp-link { color: #a8c1ff !important; }
  }`

export function surveyEmailHtml(t: TemplateInput): string {
  const start = t.dir === 'rtl' ? 'right' : 'left'
  const end = t.dir === 'rtl' ? 'left' : 'right'
  const scores = t.scores
    .map(
      (s) =>
        `<!--[if mso]><td style="padding:2px"><![endif]--><a href="${escapeHtml(s.href)}" target="_blank" class="kp-score" style="${SCORE}" aria-label="${s.n}">${s.n}</a><!--[if mso]></td><![endif]-->`,
    )
    .join('')
  return `<!DOCTYPE html>
<html lang="${escapeHtml(t.lang)}" dir="${t.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<meta name="x-apple-disable-message-reformatting">
<title>${escapeHtml(t.subject)}</title>
<style>${DARK}</style>
</head>
<body class="kp-bg" style="margin:0;padding:0;background:#f2f4f7;">
<table role="presentation" class="kp-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;background:#f2f4f7;">
<tr><td align="center" style="padding:24px 8px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" class="kp-card" width="100%" cellpadding="0" cellspacing="0" border="0" dir="${t.dir}" style="border-collapse:collapse;max-width:600px;background:#ffffff;border-radius:12px;">
<tr><td class="kp-muted" align="${start}" style="padding:24px 20px 4px;font-size:14px;font-weight:bold;color:#505a6b;${FONT}">${escapeHtml(t.company)}</td></tr>
<tr><td class="kp-text" align="${start}" style="padding:8px 20px;font-size:16px;line-height:1.5;color:#1d2330;${FONT}">${escapeHtml(t.intro)}</td></tr>
<tr><td class="kp-text" align="${start}" style="padding:8px 20px 12px;font-size:19px;line-height:1.4;font-weight:bold;color:#1d2330;${FONT}">${escapeHtml(t.question)}</td></tr>
<tr><td align="center" style="padding:0 12px;">
<!--[if mso]><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><![endif]-->${scores}<!--[if mso]></tr></table><![endif]-->
</td></tr>
<tr><td style="padding:4px 20px 0;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
<tr>
<td class="kp-muted" align="${start}" valign="top" style="font-size:13px;color:#505a6b;${FONT}">${t.scores[0]!.n} = ${escapeHtml(t.lowLabel)}</td>
<td class="kp-muted" align="${end}" valign="top" style="font-size:13px;color:#505a6b;${FONT}">${t.scores.at(-1)!.n} = ${escapeHtml(t.highLabel)}</td>
</tr>
</table>
</td></tr>
<tr><td class="kp-muted" align="${start}" style="padding:16px 20px 24px;font-size:13px;line-height:1.5;color:#505a6b;${FONT}">${escapeHtml(t.hint)}</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" dir="${t.dir}" style="border-collapse:collapse;max-width:600px;">
<tr><td class="kp-muted" align="center" style="padding:16px 20px;font-size:12px;line-height:1.6;color:#5b6577;${FONT}">${escapeHtml(t.why)}<br><a class="kp-link" href="${escapeHtml(t.unsubscribe.href)}" target="_blank" style="color:#1f47b8;text-decoration:underline;display:inline-block;padding:12px 4px;">${escapeHtml(t.unsubscribe.label)}</a></td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>`
}

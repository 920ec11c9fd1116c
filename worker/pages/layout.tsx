/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The frame of every hosted survey page: one inline stylesheet and one optional inline script,
// both allowed by hash in a strict Content-Security-Policy (no 'unsafe-inline', no other source).
import type { Child } from 'hono/jsx'
import type { JSX } from 'hono/jsx/jsx-runtime'
import { raw } from 'hono/html'
import type { Locale } from '../../schema/constants'
import { isRtl } from '../../schema/i18n'
import { PAGE_CSS } from './styles'
import { PAGE_SCRIPT } from './enhance'

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
}

let csp: Promise<string> | undefined

/** The page's CSP; computed once per isolate (the hashed texts are constants). */
export function contentSecurityPolicy(): Promise<string> {
  csp ??= Promise.all([sha256Base64(PAGE_CSS), sha256Base64(PAGE_SCRIPT)]).then(
    ([style, script]) =>
      `default-src 'none'; style-src 'sha256-${style}'; script-src 'sha256-${script}'; ` +
      `connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  )
  return csp
}

/** Headers of every /s/* page: the token is in the URL, so no referrer, no caching, no framing. */
export async function pageHeaders(): Promise<Record<string, string>> {
  return {
    'content-security-policy': await contentSecurityPolicy(),
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'x-robots-tag': 'noindex, nofollow',
  }
}

export function Layout(props: {
  locale: Locale
  title: string
  script?: boolean
  children: Child
}) {
  return (
    <html lang={props.locale} dir={isRtl(props.locale) ? 'rtl' : 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="robots" content="noindex,nofollow" />
        <title>{props.title}</title>
        <style>{raw(PAGE_CSS)}</style>
      </head>
      <body>
        <main class="card">{props.children}</main>
        {props.script ? <script>{raw(PAGE_SCRIPT)}</script> : null}
      </body>
    </html>
  )
}

/** The complete document as a string. */
export const renderPage = async (page: JSX.Element) => `<!doctype html>${await page}`

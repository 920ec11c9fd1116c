// Starts Swagger UI on /docs (a file, not an inline script, so the page's CSP needs no
// 'unsafe-inline' for scripts). Copied to dist/public/docs-ui/ by dashboard/vite.config.ts.
/* global SwaggerUIBundle */
const root = document.getElementById('swagger-ui')
// Swagger UI skips heading levels (the page's <h1>, then <h3> per group, <h4> per section of an
// operation: axe heading-order), its scrolling code samples cannot take keyboard focus (axe
// scrollable-region-focusable), and "Try it out" adds unnamed controls and same-named regions.
// All are fixed on what it renders, whenever it renders.
const operationOf = (el) => {
  const op = el.closest('.opblock')
  const method = op?.querySelector('.opblock-summary-method')?.textContent ?? ''
  return `${method} ${op?.querySelector('.opblock-summary-path')?.dataset.path ?? ''}`.trim()
}
const LEVELS = [
  ['h3.opblock-tag', '2'],
  ['.opblock h4', '3'],
  ['.opblock h5', '4'],
]
new MutationObserver(() => {
  for (const [selector, level] of LEVELS)
    for (const h of root.querySelectorAll(`${selector}:not([aria-level])`))
      h.setAttribute('aria-level', level)
  for (const pre of root.querySelectorAll('pre:not([tabindex])')) pre.tabIndex = 0
  for (const table of root.querySelectorAll('table[role=region]:not([aria-label])'))
    table.setAttribute('aria-label', `Responses of ${operationOf(table)}`)
  for (const text of root.querySelectorAll('textarea.body-param__text:not([aria-label])'))
    text.setAttribute('aria-label', `Request body of ${operationOf(text)}`)
  for (const row of root.querySelectorAll('tr[data-param-name]'))
    for (const control of row.querySelectorAll('select:not([aria-label]), input:not([aria-label])'))
      control.setAttribute('aria-label', row.dataset.paramName)
}).observe(root, { childList: true, subtree: true })
window.ui = SwaggerUIBundle({
  url: root.dataset.spec,
  domNode: root,
  // Deep links put an <a> inside each operation's toggle button (axe nested-interactive).
  deepLinking: false,
  // The schema list repeats what each operation shows; the groups are the reference.
  defaultModelsExpandDepth: -1,
  // The highlighter's colours fail contrast on its dark background; plain text reads fine.
  syntaxHighlight: { activated: false },
  // No call to the public validator service: everything stays on this worker.
  validatorUrl: null,
  // Try it out sends the dashboard's session cookie (same site) as well as a pasted key.
  withCredentials: true,
})

// Starts Swagger UI on /docs (a file, not an inline script, so the page's CSP needs no
// 'unsafe-inline' for scripts). Copied to dist/public/docs-ui/ by dashboard/vite.config.ts.
/* global SwaggerUIBundle */
const root = document.getElementById('swagger-ui')
window.ui = SwaggerUIBundle({
  url: root.dataset.spec,
  domNode: root,
  deepLinking: true,
  // No call to the public validator service: everything stays on this worker.
  validatorUrl: null,
  // Try it out sends the dashboard's session cookie (same site) as well as a pasted key.
  withCredentials: true,
})

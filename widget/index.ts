// The widget's public surface: what `window.Kundepuls` (or an import in a SPA) offers. The
// loader (widget.js) exposes exactly these on the page.
export { hide, show } from './lib/controller'
export type { ShowOptions } from './lib/types'

// Chromium flags that work in containers and keep it off the network (this machine has none):
// without the background-networking flags Chromium floods refused connections at start.
// Plain JS so both the vitest harness and the screenshot script (run by node) can import it.
export const CHROMIUM = '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

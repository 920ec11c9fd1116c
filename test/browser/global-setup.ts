// Starts one `wrangler dev` for all browser tests, or explains why they are skipped.
import type { TestProject } from 'vitest/node'
import { CHROMIUM, hasChromium, INSTALL_HINT, requireBrowser, startWorker } from './harness'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The worker's URL; empty when the browser tests are skipped. */
    workerUrl: string
  }
}

export default async function setup(project: TestProject) {
  if (!hasChromium) {
    const why = `no Chromium at ${CHROMIUM}; install it with: ${INSTALL_HINT}`
    if (requireBrowser)
      throw new Error(`Browser tests cannot be skipped (KUNDEPULS_REQUIRE_BROWSER=1): ${why}`)
    console.warn(`\n⚠ Browser tests skipped: ${why}\n`)
    project.provide('workerUrl', '')
    return
  }
  const worker = await startWorker()
  project.provide('workerUrl', worker.url)
  return () => worker.stop()
}

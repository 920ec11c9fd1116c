// The README's curl walk-through, run verbatim with bash, curl and node against a real
// `wrangler dev`, so the README cannot drift from the API. Markers it relies on: the block is
// the ```sh fence between `<!-- readme-walkthrough:start -->` and `<!-- readme-walkthrough:end -->`;
// its `BASE=` and `ADMIN=` lines are replaced with this worker's; every curl call is followed by
// a `# → NNN` line, the status that call must answer.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ADMIN_TOKEN, startWorker, type RunningWorker } from './harness'

const README = fileURLToPath(new URL('../../README.md', import.meta.url))
const START = '<!-- readme-walkthrough:start -->'
const END = '<!-- readme-walkthrough:end -->'

function walkthrough(readme: string): string {
  const section = readme.split(START)[1]?.split(END)[0] ?? ''
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1]
  if (!block) throw new Error(`README.md has no \`\`\`sh block between ${START} and ${END}`)
  return block
}

/** The statuses the README promises, in order: one `# → NNN` line after each call. */
const promised = (block: string) => [...block.matchAll(/^# → (\d{3})\b/gm)].map((m) => Number(m[1]))

/** Each curl call records its status on stderr; everything else runs as the reader runs it. */
const PRELUDE = `set -eu
curl() { command curl -w '%{stderr}HTTP %{http_code}\\n' "$@"; }
`

describe('the README walk-through', () => {
  const block = walkthrough(readFileSync(README, 'utf8'))
  let worker: RunningWorker | undefined
  let base = inject('workerUrl')

  beforeAll(async () => {
    // Without Chromium the global setup starts no worker; this test needs one all the same.
    if (base) return
    worker = await startWorker()
    base = worker.url
  })
  afterAll(() => worker?.stop())

  it('names the status of every curl call and sets BASE and ADMIN at the top', () => {
    const calls = block.match(/\bcurl\s/g) ?? []
    expect(calls.length).toBeGreaterThan(3)
    expect(promised(block)).toHaveLength(calls.length)
    expect(block).toMatch(/^BASE=\S+/m)
    expect(block).toMatch(/^ADMIN=\S+/m)
    expect(block).not.toContain('uuidgen') // not on a fresh Debian
  })

  it('runs verbatim against a fresh worker, every call answering the status it shows', () => {
    const script =
      PRELUDE +
      block.replace(/^BASE=\S+/m, `BASE=${base}`).replace(/^ADMIN=\S+/m, `ADMIN=${ADMIN_TOKEN}`)
    const run = spawnSync('bash', ['-c', script], {
      cwd: tmpdir(),
      encoding: 'utf8',
      timeout: 60_000,
    })
    const statuses = [...run.stderr.matchAll(/^HTTP (\d{3})$/gm)].map((m) => Number(m[1]))
    const story = `exit ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`
    expect(statuses, story).toEqual(promised(block))
    expect(run.status, story).toBe(0)
  })
})

// Bindings the worker tests see: the worker's own plus the migrations read by the config.
import type { D1Migration } from '@cloudflare/vitest-plugin'
import type { Env as WorkerEnv } from '../worker/env'

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[]
      /** Fuzz cases per operation and seed (test/worker/fuzz); empty for the defaults. */
      FUZZ_RUNS: string
      FUZZ_SEED: string
      /** People the email-schedule bench plans; empty: the bench is skipped. */
      EMAIL_BENCH_PEOPLE: string
    }
  }
}

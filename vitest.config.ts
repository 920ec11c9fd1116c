import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { JSX } from './widget/vite.config'

const root = fileURLToPath(new URL('.', import.meta.url))
// wrangler.toml serves dist/public as static assets; wrangler refuses a missing directory.
mkdirSync(`${root}dist/public`, { recursive: true })

export default defineConfig({
  test: {
    root,
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: `${root}wrangler.toml` },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(`${root}schema/migrations`),
                ADMIN_TOKEN: 'test-admin-token',
                // A fixed test key for secret-box (webhook secrets, Slack URLs); never a real one.
                ENCRYPTION_KEY: 'dGVzdC1rZXktMzItYnl0ZXMtbG9uZy10ZXN0LWtleSE=',
                // Cheaper password hashes for the tests (production's cost is measured in
                // test/worker/lib/password.test.ts); stored hashes name their own parameters.
                PASSWORD_SCRYPT_N: '1024',
                // The pool also reads .dev.vars, which `npm start` writes with local webhooks on:
                // tests start from production's rule (no local targets) and opt in where needed.
                WEBHOOKS_ALLOW_LOCAL: '',
                // Links in survey emails (worker/email/send.ts); the dev pages stay off.
                PUBLIC_URL: 'http://kundepuls.test',
                KUNDEPULS_DEV: '',
                // test/worker/fuzz: cases per operation and seed (`npm run fuzz` raises the runs).
                FUZZ_RUNS: process.env.FUZZ_RUNS ?? '',
                FUZZ_SEED: process.env.FUZZ_SEED ?? '',
                // test/worker/email/plan-bench.test.ts: people to plan (`npm run bench -- email-schedule`).
                EMAIL_BENCH_PEOPLE: process.env.EMAIL_BENCH_PEOPLE ?? '',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          root,
          include: ['test/worker/**/*.test.ts', 'test/schema/**/*.test.ts'],
          setupFiles: ['test/worker/setup.ts'],
        },
      },
      {
        // The widget's flows in happy-dom, against the sources and the minified build.
        oxc: { jsx: JSX },
        define: { __KP_UI__: '"w/ui.test.js"' },
        test: {
          name: 'widget',
          root,
          environment: 'happy-dom',
          include: ['test/widget/**/*.test.{ts,tsx}'],
        },
      },
      {
        // The dashboard's components in happy-dom (charts need a canvas: Chromium tests cover them),
        // and its first-view budget against the build.
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
        test: {
          name: 'dashboard',
          root,
          environment: 'happy-dom',
          include: ['test/dashboard/**/*.test.{ts,tsx}'],
        },
      },
      {
        // Real Chromium against a real `wrangler dev` (started once by the global setup).
        test: {
          name: 'browser',
          root,
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
})

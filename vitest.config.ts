import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

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
    ],
  },
})

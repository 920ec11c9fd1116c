// `npm run bench -- email-schedule`: 100,000 people in one relationship program, all due on one
// day; prints the planner's D1 rows read per run (meta.rows_read) and the runs it needs
// (test/worker/email/plan-bench.test.ts, inside workerd against a real local D1).
import { run } from '../lib.mjs'

process.env.EMAIL_BENCH_PEOPLE ??= '100000'
run('npx', ['vitest', 'run', '--project', 'worker', 'test/worker/email/plan-bench.test.ts'])

// Types of scripts/dev-server.mjs for the TypeScript tests that use it.
import type { ChildProcess } from 'node:child_process'

export interface DevServerOptions {
  port?: number
  persistTo?: string
  migrate?: boolean
  vars?: Record<string, string>
  echo?: boolean
  logLevel?: string
  timeoutMs?: number
}

export interface DevServer {
  url: string
  port: number
  stop(): Promise<void>
  log(): string
  exited: Promise<ChildProcess['exitCode']>
}

export declare function freePort(): Promise<number>
export declare function migrateLocal(persistTo?: string): void
export declare function startDevServer(o?: DevServerOptions): Promise<DevServer>

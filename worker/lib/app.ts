// Every router (and the app itself) is an OpenAPIHono whose failed validations answer as problem+json.
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env'
import { problemResponse, zodProblems } from './problem'

export function createApp() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const prefix =
          result.target === 'json' || result.target === 'form' ? undefined : result.target
        return problemResponse(
          400,
          'validation_failed',
          'The request has invalid fields.',
          zodProblems(result.error, prefix),
        )
      }
    },
  })
}

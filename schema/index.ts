// Everything the worker and the widget share. The widget imports types only from here
// (plus constants and scoring, which are zod-free).
export * from './constants'
export * from './scoring'
export * from './fields'
export * from './problem'
export * from './project'
export * from './survey'
export * from './response'
export * from './impression'
export * from './invitation'
export * from './metrics'
export * from './customers'
export * from './keys'

// Any thrown value as an Error, for the pages' error states.
export const asError = (err: unknown): Error =>
  err instanceof Error ? err : new Error(String(err))

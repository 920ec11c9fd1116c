// Types of scripts/api-client.mjs for the TypeScript tests that use it.
export function apiClient(
  base: string,
  token: string,
): (method: string, path: string, body?: unknown) => Promise<any>

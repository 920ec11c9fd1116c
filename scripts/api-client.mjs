// A JSON client for a running worker, shared by the demo seed and the browser tests: bearer
// token, JSON body, and a thrown error naming the call when the answer is not 2xx.
export function apiClient(base, token) {
  return async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    const json = await res.json().catch(() => undefined)
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`)
    return json
  }
}

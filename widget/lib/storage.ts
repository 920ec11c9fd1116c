// localStorage that never throws: Safari private mode, sandboxed iframes and full quotas do.
export function read<T>(key: string): T | undefined {
  try {
    const v = localStorage.getItem(key)
    return v ? JSON.parse(v) : undefined
  } catch {
    return undefined
  }
}

export function write(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Nothing to do: without storage the answer is still sent, only not kept for a retry.
  }
}

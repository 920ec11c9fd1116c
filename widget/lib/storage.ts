// localStorage that never throws: Safari private mode, sandboxed iframes and full quotas do.
// A missing key parses as null (JSON.parse(null) is null): callers default it with `??`.
export function read<T>(key: string): T | null | undefined {
  try {
    return JSON.parse(localStorage.getItem(key)!)
  } catch {}
}

export function write(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Nothing to do: without storage the answer is still sent, only not kept for a retry.
  }
}

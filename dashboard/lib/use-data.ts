// Loads data for a page and re-loads when its key changes; stale answers are dropped.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

export interface Loaded<T> {
  data?: T
  error?: Error
  loading: boolean
  reload: () => void
}

export function useData<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({
    loading: key !== null,
  })
  const [tick, setTick] = useState(0)
  const seq = useRef(0)
  useEffect(() => {
    if (key === null) return
    const mine = ++seq.current
    setState((s) => ({ ...s, loading: true }))
    load().then(
      (data) => mine === seq.current && setState({ data, loading: false }),
      (error: Error) => mine === seq.current && setState({ error, loading: false }),
    )
  }, [key, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { ...state, reload }
}

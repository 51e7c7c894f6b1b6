'use client'
// Short-lived notices (saved, refused connection, pasted). One live region, newest last.
import { useCallback, useRef, useState } from 'react'

export interface Toast {
  id: number
  text: string
  tone: 'info' | 'error'
}

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([])
  const next = useRef(1)
  const show = useCallback((text: string, tone: Toast['tone'] = 'info') => {
    const id = next.current++
    setToasts((list) => [...list.slice(-3), { id, text, tone }])
    window.setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), tone === 'error' ? 8000 : 5000)
  }, [])
  return { toasts, show }
}

export function Toasts({ toasts }: { toasts: readonly Toast[] }) {
  return (
    <div className="toasts" role="status" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`}>
          {t.text}
        </div>
      ))}
    </div>
  )
}

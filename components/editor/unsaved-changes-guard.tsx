'use client'
// Asks before unsaved changes are lost: closing or reloading the tab (beforeunload), clicking a
// link out of the editor, the browser's Back button, and in-app actions that navigate away.
//
// Next's App Router has no "route change" event to cancel, so links are caught with a click
// listener in the capture phase (before <Link>'s own handler), and Back with a same-URL
// history entry pushed while there are changes: Back lands on it, we ask, and only "Leave"
// goes on. Our popstate listener runs in the capture phase so Next's router never sees it.
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ModalDialog } from '@/components/ui/modal-dialog'

const GUARD_KEY = '__relayflowUnsaved'

/** The in-app URL a click on `event.target` would open, when it leaves the current page. */
function leavingHref(event: MouseEvent): string | undefined {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return
  const link = (event.target as Element | null)?.closest?.('a[href]')
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download')) return
  if (link.target && link.target !== '_self') return
  const url = new URL(link.href, window.location.href)
  if (url.origin !== window.location.origin) return
  if (url.pathname === window.location.pathname && url.search === window.location.search) return
  return url.pathname + url.search + url.hash
}

function pushGuardEntry(url: string) {
  const state: unknown = window.history.state
  window.history.pushState({ ...(typeof state === 'object' ? state : {}), [GUARD_KEY]: true }, '', url)
}

/** Goes `steps` entries back, or to the list when the editor was the first page of the tab. */
function goBack(steps: number, fallback: () => void) {
  const index = (window as { navigation?: { currentEntry?: { index: number } | null } }).navigation
    ?.currentEntry?.index
  if (index !== undefined && index - steps < 0) fallback()
  else window.history.go(-steps)
}

export function useUnsavedChangesGuard(dirty: boolean) {
  const router = useRouter()
  const [pending, setPending] = useState<(() => void) | null>(null)
  const guarded = useRef(false) // our same-URL entry is on top of the history
  const skipPop = useRef(false) // the next popstate is our own unwinding, not the user's
  const leaving = useRef(false)
  const editorUrl = useRef('')
  useEffect(() => {
    editorUrl.current = window.location.href
  }, [])

  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    const onClick = (e: MouseEvent) => {
      const href = leavingHref(e)
      if (!href || leaving.current) return
      e.preventDefault()
      e.stopPropagation()
      setPending(() => () => router.push(href))
    }
    if (!guarded.current) {
      pushGuardEntry(editorUrl.current)
      guarded.current = true
    }
    window.addEventListener('beforeunload', warn)
    document.addEventListener('click', onClick, true)
    return () => {
      window.removeEventListener('beforeunload', warn)
      document.removeEventListener('click', onClick, true)
    }
  }, [dirty, router])

  // Saved (or undone back to the saved document): take our history entry away again.
  useEffect(() => {
    if (dirty || !guarded.current || leaving.current) return
    guarded.current = false
    skipPop.current = true
    window.history.back()
  }, [dirty])

  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      if (leaving.current) return
      if (skipPop.current) {
        skipPop.current = false
        e.stopImmediatePropagation()
        return
      }
      if (!guarded.current) return
      // Back left our entry (normally for the editor's own entry below it): stay, put ours
      // back, and ask. Leaving then goes back past both.
      e.stopImmediatePropagation()
      const steps = window.location.href === editorUrl.current ? 2 : 1
      pushGuardEntry(editorUrl.current)
      setPending(() => () => goBack(steps, () => router.push('/workflows')))
    }
    window.addEventListener('popstate', onPop, true)
    return () => window.removeEventListener('popstate', onPop, true)
  }, [router])

  /** Runs `navigate` now when nothing is unsaved, else after the user agrees to leave. */
  const confirmLeave = useCallback(
    (navigate: () => void) => (dirty ? setPending(() => navigate) : navigate()),
    [dirty],
  )
  const leave = () => {
    leaving.current = true
    const go = pending
    setPending(null)
    go?.()
  }
  const dialog = pending ? <LeaveDialog onStay={() => setPending(null)} onLeave={leave} /> : null
  return { dialog, confirmLeave }
}

function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  return (
    <ModalDialog title="Leave without saving?" onClose={onStay}>
      <p>This workflow has unsaved changes. If you leave now, they are lost.</p>
      <div className="toolbar">
        <button type="button" onClick={onStay} data-autofocus>
          Stay and keep editing
        </button>
        <button type="button" className="danger" onClick={onLeave}>
          Leave without saving
        </button>
      </div>
    </ModalDialog>
  )
}

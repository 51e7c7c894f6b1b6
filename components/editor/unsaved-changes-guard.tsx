'use client'
// Asks before unsaved changes are lost: closing or reloading the tab (beforeunload), clicking a
// link out of the editor, the browser's Back button, and in-app actions that navigate away.
//
// Next's App Router has no "route change" event to cancel, so links are caught with a click
// listener in the capture phase (before <Link>'s own handler), and Back with a same-URL
// history entry pushed while there are changes: Back lands on it, we ask, and only "Leave"
// goes on. Our popstate listener runs in the capture phase so Next's router never sees it.
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
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

interface GuardState {
  /** Our same-URL entry is on top of the history. */
  guarded: boolean
  /** The next popstate is our own unwinding, not the user's. */
  skipPop: boolean
  leaving: boolean
  editorUrl: string
}

type Ask = (navigate: () => void) => void

/** While there are changes: warn on unload, catch links out, and push our history entry. */
function useDirtyListeners(dirty: boolean, guardRef: RefObject<GuardState>, ask: Ask) {
  const router = useRouter()
  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    const onClick = (e: MouseEvent) => {
      const href = leavingHref(e)
      if (!href || guardRef.current.leaving) return
      e.preventDefault()
      e.stopPropagation()
      ask(() => router.push(href))
    }
    if (!guardRef.current.guarded) {
      pushGuardEntry(guardRef.current.editorUrl)
      guardRef.current.guarded = true
    }
    window.addEventListener('beforeunload', warn)
    document.addEventListener('click', onClick, true)
    return () => {
      window.removeEventListener('beforeunload', warn)
      document.removeEventListener('click', onClick, true)
    }
  }, [dirty, router, guardRef, ask])

  // Saved (or undone back to the saved document): take our history entry away again.
  useEffect(() => {
    if (dirty || !guardRef.current.guarded || guardRef.current.leaving) return
    guardRef.current.guarded = false
    guardRef.current.skipPop = true
    window.history.back()
  }, [dirty, guardRef])
}

/** Back while our entry is on top: stay, put the entry back, and ask. */
function useBackGuard(guardRef: RefObject<GuardState>, ask: Ask) {
  const router = useRouter()
  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      if (guardRef.current.leaving) return
      if (guardRef.current.skipPop) {
        guardRef.current.skipPop = false
        e.stopImmediatePropagation()
        return
      }
      if (!guardRef.current.guarded) return
      // Back left our entry (normally for the editor's own entry below it): stay, put ours
      // back, and ask. Leaving then goes back past both.
      e.stopImmediatePropagation()
      const steps = window.location.href === guardRef.current.editorUrl ? 2 : 1
      pushGuardEntry(guardRef.current.editorUrl)
      ask(() => goBack(steps, () => router.push('/workflows')))
    }
    window.addEventListener('popstate', onPop, true)
    return () => window.removeEventListener('popstate', onPop, true)
  }, [router, guardRef, ask])
}

export function useUnsavedChangesGuard(dirty: boolean) {
  const [pending, setPending] = useState<(() => void) | null>(null)
  const guardRef = useRef<GuardState>({ guarded: false, skipPop: false, leaving: false, editorUrl: '' })
  useEffect(() => {
    guardRef.current.editorUrl = window.location.href
  }, [])
  const ask = useCallback<Ask>((navigate) => setPending(() => navigate), [])
  useDirtyListeners(dirty, guardRef, ask)
  useBackGuard(guardRef, ask)

  /** Runs `navigate` now when nothing is unsaved, else after the user agrees to leave. */
  const confirmLeave = useCallback(
    (navigate: () => void) => (dirty ? setPending(() => navigate) : navigate()),
    [dirty],
  )
  const leave = () => {
    guardRef.current.leaving = true
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

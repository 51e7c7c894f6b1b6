// Drawing an edge on the canvas: each candidate connection is checked against the graph rules
// while it is dragged (the reason shows as a hint), and a refused drop is reported once.
import type { Connection, Edge, FinalConnectionState } from '@xyflow/react'
import { useCallback, useRef, useState, type RefObject } from 'react'
import type { EdgeKind, WorkflowDoc } from '@/components/canvas/canvas-types'
import type { EditorActions } from './editor-state'
import { addEdge, checkConnection } from './graph-edits'

export function useConnections(
  actions: EditorActions,
  onRefused: (reason: string) => void,
  latest: RefObject<{ doc: WorkflowDoc }>,
) {
  const refusal = useRef<string | null>(null)
  const [hint, setHint] = useState<string | null>(null)

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const kind = connection.sourceHandle ?? 'success'
      const check = checkConnection(latest.current.doc, connection.source, connection.target, kind)
      refusal.current = check.ok ? null : check.reason
      setHint(refusal.current)
      return check.ok
    },
    [latest],
  )

  const onConnect = useCallback(
    (connection: Connection) => {
      const kind = (connection.sourceHandle ?? 'success') as EdgeKind
      const edge = { from: connection.source, to: connection.target, kind }
      if (!checkConnection(latest.current.doc, edge.from, edge.to, kind).ok) return
      actions.edit((d) => addEdge(d, edge))
    },
    [actions, latest],
  )

  const onConnectStart = useCallback(() => {
    refusal.current = null
    setHint(null)
  }, [])

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (!state.isValid && state.toNode && refusal.current) onRefused(refusal.current)
      refusal.current = null
      setHint(null)
    },
    [onRefused],
  )

  return { hint, isValidConnection, onConnect, onConnectStart, onConnectEnd }
}

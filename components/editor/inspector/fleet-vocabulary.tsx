'use client'
// What the fleet knows, for the target pickers: device ids and names, tags and capabilities of
// every registered device. Suggestions only: a target may name devices that are not connected yet.
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useTRPC } from '@/components/trpc-provider'

export interface FleetVocabulary {
  devices: { id: string; name: string }[]
  tags: string[]
  capabilities: string[]
}

export function useFleetVocabulary(): FleetVocabulary {
  const trpc = useTRPC()
  const list = useQuery({ ...trpc.devices.list.queryOptions({}), staleTime: 30_000 })
  return useMemo(() => {
    const items = list.data?.items ?? []
    const sorted = (values: Iterable<string>) => [...new Set(values)].sort()
    return {
      devices: items.map((d) => ({ id: d.id, name: d.name })),
      tags: sorted(items.flatMap((d) => d.tags)),
      capabilities: sorted(items.flatMap((d) => d.capabilities)),
    }
  }, [list.data])
}

/** Known values not chosen yet, as buttons that add one to the list. */
export function SuggestionChips(props: {
  label: string
  known: readonly string[]
  chosen: readonly string[] | undefined
  onAdd: (value: string) => void
}) {
  const left = props.known.filter((v) => !(props.chosen ?? []).includes(v))
  if (left.length === 0) return null
  return (
    <div className="suggestion-chips" role="group" aria-label={props.label}>
      {left.slice(0, 24).map((value) => (
        <button key={value} type="button" className="chip" onClick={() => props.onAdd(value)} title={`Add ${value}`}>
          + {value}
        </button>
      ))}
    </div>
  )
}

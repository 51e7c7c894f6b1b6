'use client'
// The form fields of a workflow's input schema (unknown JSON from the saved version).
import { useMemo } from 'react'
import { inputSchemaSpecs, type ValueSpec } from '@/components/ui/typed-value'
import { ZInputSchema } from '@/server/engine/input-schema'

export function useInputSpecs(inputs: unknown): ValueSpec[] {
  return useMemo(() => {
    const parsed = ZInputSchema.safeParse(inputs)
    return inputSchemaSpecs(parsed.success ? parsed.data : undefined)
  }, [inputs])
}

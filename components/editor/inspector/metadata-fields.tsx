'use client'
// The workflow's metadata: tags and owner (shown in lists) and any other key with a JSON value.
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { ListField, TextField } from './fields'
import { JsonEntriesField } from './json-entries-field'
import { withKeys } from './json-entries-edits'
import type { SetWorkflow } from './run-limits-fields'

type Metadata = NonNullable<WorkflowDoc['metadata']>
const OWN_FIELDS = ['tags', 'owner'] as const

export function MetadataFields({ value, set }: { value: Metadata | undefined; set: SetWorkflow }) {
  const change = (patch: Record<string, unknown>, field: string) =>
    set({ metadata: withKeys(value, patch) }, field)
  const { tags, owner, ...others } = value ?? {}
  const replaceOthers = (next: Record<string, unknown> | undefined) =>
    change(
      { ...Object.fromEntries(Object.keys(others).map((k) => [k, undefined])), ...next },
      'metadata.other',
    )
  return (
    <fieldset className="inspector-group">
      <legend>Metadata</legend>
      <ListField
        label="Tags (comma separated)"
        placeholder="deploy, nightly"
        value={tags}
        onChange={(next) => change({ tags: next }, 'metadata.tags')}
        issuePath={['metadata', 'tags']}
      />
      <TextField
        label="Owner"
        placeholder="team or person"
        value={owner}
        onChange={(next) => change({ owner: next === '' ? undefined : next }, 'metadata.owner')}
        issuePath={['metadata', 'owner']}
      />
      <JsonEntriesField
        legend="Other metadata"
        noun="Metadata key"
        value={others}
        onChange={replaceOthers}
        rule={{ identifier: false, reserved: OWN_FIELDS }}
        issuePath={['metadata']}
      />
    </fieldset>
  )
}

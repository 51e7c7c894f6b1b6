'use client'
// Device targeting for command and parallel steps: any device, one device id, or a
// selector on tags and capabilities with a strategy.
import { TARGET_STRATEGIES, type TDeviceTarget } from '@/server/engine/device-target'
import { ListField, SelectField, TextField } from './fields'
import { SuggestionChips, useFleetVocabulary, type FleetVocabulary } from './fleet-vocabulary'

type Mode = 'any' | 'device' | 'selector'

function modeOf(target: TDeviceTarget | undefined): Mode {
  if (!target) return 'any'
  return 'deviceId' in target ? 'device' : 'selector'
}

const MODES = [
  { value: 'any', label: 'Any device that supports the action' },
  { value: 'device', label: 'One device (by id)' },
  { value: 'selector', label: 'Devices with tags / capabilities' },
] as const

/** What switching the mode leaves: no target, an empty device id, or a selector with no tags. */
function targetFor(mode: Mode): TDeviceTarget | undefined {
  return mode === 'any' ? undefined : mode === 'device' ? { deviceId: '' } : { selector: { tags: [] } }
}

type OnChange = (next: TDeviceTarget | undefined) => void
type SelectorTarget = Extract<TDeviceTarget, { selector: unknown }>

function DeviceIdFields({
  deviceId,
  fleet,
  onChange,
}: {
  deviceId: string
  fleet: FleetVocabulary
  onChange: OnChange
}) {
  return (
    <>
      <TextField label="Device id" value={deviceId} onChange={(v) => onChange({ deviceId: v })} mono />
      <SuggestionChips
        label="Registered devices"
        known={fleet.devices.map((d) => d.id)}
        chosen={[deviceId]}
        onAdd={(id) => onChange({ deviceId: id })}
      />
    </>
  )
}

function SelectorFields({
  target,
  fleet,
  onChange,
}: {
  target: SelectorTarget
  fleet: FleetVocabulary
  onChange: OnChange
}) {
  const { tags, capabilities } = target.selector
  const setSelector = (patch: Partial<SelectorTarget['selector']>) =>
    onChange({ ...target, selector: { ...target.selector, ...patch } })
  return (
    <>
      <ListField
        label="Tags (comma separated)"
        placeholder="linux, web"
        value={tags}
        onChange={(next) => setSelector({ tags: next })}
      />
      <SuggestionChips
        label="Known tags"
        known={fleet.tags}
        chosen={tags}
        onAdd={(tag) => setSelector({ tags: [...(tags ?? []), tag] })}
      />
      <ListField
        label="Capabilities (comma separated)"
        placeholder="system.info"
        value={capabilities}
        onChange={(next) => setSelector({ capabilities: next })}
      />
      <SuggestionChips
        label="Known capabilities"
        known={fleet.capabilities}
        chosen={capabilities}
        onAdd={(capability) => setSelector({ capabilities: [...(capabilities ?? []), capability] })}
      />
      <SelectField
        label="Strategy"
        value={target.strategy ?? 'least-loaded'}
        options={TARGET_STRATEGIES}
        onChange={(strategy) => onChange({ ...target, strategy })}
      />
    </>
  )
}

export function TargetFields({ value, onChange }: { value: TDeviceTarget | undefined; onChange: OnChange }) {
  const fleet = useFleetVocabulary()
  return (
    <fieldset className="inspector-group">
      <legend>Target</legend>
      <SelectField<Mode>
        label="Run on"
        value={modeOf(value)}
        options={MODES}
        onChange={(m) => onChange(targetFor(m))}
      />
      {value && 'deviceId' in value ? (
        <DeviceIdFields deviceId={value.deviceId} fleet={fleet} onChange={onChange} />
      ) : null}
      {value && 'selector' in value ? (
        <SelectorFields target={value} fleet={fleet} onChange={onChange} />
      ) : null}
    </fieldset>
  )
}

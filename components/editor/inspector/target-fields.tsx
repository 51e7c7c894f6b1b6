'use client'
// Device targeting for command and parallel steps: any device, one device id, or a
// selector on tags and capabilities with a strategy.
import { TARGET_STRATEGIES, type TDeviceTarget } from '@/server/engine/device-target'
import { ListField, SelectField, TextField } from './fields'
import { SuggestionChips, useFleetVocabulary } from './fleet-vocabulary'

type Mode = 'any' | 'device' | 'selector'

function modeOf(target: TDeviceTarget | undefined): Mode {
  if (!target) return 'any'
  return 'deviceId' in target ? 'device' : 'selector'
}

export function TargetFields({
  value,
  onChange,
}: {
  value: TDeviceTarget | undefined
  onChange: (next: TDeviceTarget | undefined) => void
}) {
  const mode = modeOf(value)
  const selector = value && 'selector' in value ? value : undefined
  const fleet = useFleetVocabulary()
  return (
    <fieldset className="inspector-group">
      <legend>Target</legend>
      <SelectField<Mode>
        label="Run on"
        value={mode}
        options={[
          { value: 'any', label: 'Any device that supports the action' },
          { value: 'device', label: 'One device (by id)' },
          { value: 'selector', label: 'Devices with tags / capabilities' },
        ]}
        onChange={(m) =>
          onChange(m === 'any' ? undefined : m === 'device' ? { deviceId: '' } : { selector: { tags: [] } })
        }
      />
      {value && 'deviceId' in value ? (
        <>
          <TextField label="Device id" value={value.deviceId} onChange={(v) => onChange({ deviceId: v })} mono />
          <SuggestionChips
            label="Registered devices"
            known={fleet.devices.map((d) => d.id)}
            chosen={[value.deviceId]}
            onAdd={(deviceId) => onChange({ deviceId })}
          />
        </>
      ) : null}
      {selector ? (
        <>
          <ListField
            label="Tags (comma separated)"
            placeholder="linux, web"
            value={selector.selector.tags}
            onChange={(tags) => onChange({ ...selector, selector: { ...selector.selector, tags } })}
          />
          <SuggestionChips
            label="Known tags"
            known={fleet.tags}
            chosen={selector.selector.tags}
            onAdd={(tag) =>
              onChange({ ...selector, selector: { ...selector.selector, tags: [...(selector.selector.tags ?? []), tag] } })
            }
          />
          <ListField
            label="Capabilities (comma separated)"
            placeholder="system.info"
            value={selector.selector.capabilities}
            onChange={(capabilities) => onChange({ ...selector, selector: { ...selector.selector, capabilities } })}
          />
          <SuggestionChips
            label="Known capabilities"
            known={fleet.capabilities}
            chosen={selector.selector.capabilities}
            onAdd={(capability) =>
              onChange({
                ...selector,
                selector: { ...selector.selector, capabilities: [...(selector.selector.capabilities ?? []), capability] },
              })
            }
          />
          <SelectField
            label="Strategy"
            value={selector.strategy ?? 'least-loaded'}
            options={TARGET_STRATEGIES}
            onChange={(strategy) => onChange({ ...selector, strategy })}
          />
        </>
      ) : null}
    </fieldset>
  )
}

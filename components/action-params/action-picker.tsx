'use client'
// A combobox for a step's action: free text, with the fleet's actions listed below as you type
// (name, description, how many online devices offer it).
import { useId, useState, type KeyboardEvent } from 'react'
import { filterActions, onlineLabel, type FleetAction } from './action-choices'

/** The combobox's state: whether the list is open, which option is active, and the keys that move and choose. */
function useActionCombobox(
  actions: readonly FleetAction[],
  value: string | undefined,
  onChange: (value: string) => void,
) {
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const shown = filterActions(actions, value ?? '')
  const choose = (name: string) => {
    onChange(name)
    setOpen(false)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      setOpen(true)
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((n) => (shown.length === 0 ? 0 : (n + step + shown.length) % shown.length))
    } else if (e.key === 'Enter' && open && shown[active]) {
      e.preventDefault()
      choose(shown[active].name)
    } else if (e.key === 'Escape') setOpen(false)
  }
  const onType = (text: string) => {
    onChange(text)
    setActive(0)
    setOpen(true)
  }
  return { shown, active, expanded: open && shown.length > 0, setOpen, choose, onKeyDown, onType }
}

function ActionOptions(props: {
  listId: string
  shown: readonly FleetAction[]
  active: number
  choose: (name: string) => void
}) {
  const { listId } = props
  return (
    <ul id={listId} role="listbox" aria-label="Actions the fleet offers" className="action-picker-list">
      {props.shown.map((action, n) => (
        <li
          key={action.name}
          id={`${listId}-${n}`}
          role="option"
          aria-selected={n === props.active}
          onMouseDown={(e) => {
            e.preventDefault()
            props.choose(action.name)
          }}
        >
          <span className="mono action-picker-name">{action.name}</span>
          <span className={action.onlineDevices > 0 ? 'action-picker-online' : 'action-picker-offline'}>
            {onlineLabel(action)}
          </span>
          {action.description ? (
            <span className="action-picker-description">{action.description}</span>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

export function ActionPicker(props: {
  id: string
  value: string | undefined
  actions: readonly FleetAction[]
  onChange: (value: string) => void
  invalid?: boolean
  placeholder?: string
}) {
  const listId = useId()
  const combobox = useActionCombobox(props.actions, props.value, props.onChange)
  const { expanded, active } = combobox
  return (
    <div className="action-picker">
      <input
        id={props.id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${listId}-${active}` : undefined}
        aria-invalid={props.invalid || undefined}
        className={`mono${props.invalid ? ' invalid' : ''}`}
        autoComplete="off"
        value={props.value ?? ''}
        placeholder={props.placeholder}
        onChange={(e) => combobox.onType(e.target.value)}
        onFocus={() => combobox.setOpen(true)}
        onBlur={() => combobox.setOpen(false)}
        onKeyDown={combobox.onKeyDown}
      />
      {expanded ? (
        <ActionOptions listId={listId} shown={combobox.shown} active={active} choose={combobox.choose} />
      ) : null}
    </div>
  )
}

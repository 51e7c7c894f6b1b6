import { describe, expect, it } from 'vitest'
import {
  checkPlacement,
  DEFAULT_PLACEMENT_TIMEOUT_MS,
  describeShortfall,
  placementTimeoutMs,
  renderTarget,
  staticPlacementNeeds,
  type FleetDevice,
} from './placement'
import { ZWorkflowDefinition, type TWorkflowDefinitionInput } from './workflow-schema'

const device = (id: string, tags: string[], capabilities: string[], online = true): FleetDevice => ({
  id,
  tags,
  capabilities,
  online,
})

const fleet = [
  device('edge-eu', ['edge', 'eu'], ['echo', 'system.info']),
  device('edge-us', ['edge', 'us'], ['echo', 'system.info']),
  device('disk-eu', ['eu'], ['check.disk'], false),
  device('server-us', ['us'], ['echo']),
  device('server-eu', ['eu'], ['echo'], true),
]

function steps(list: TWorkflowDefinitionInput['steps']) {
  return ZWorkflowDefinition.parse({ name: 'w', steps: list }).steps
}

describe('checkPlacement', () => {
  it('names the step and what is missing when no registered device offers the action with the selector', () => {
    const issues = checkPlacement(
      steps([
        {
          id: 'disk',
          name: 'disk',
          type: 'command',
          action: 'check.disk',
          target: { selector: { tags: ['us'] } },
        },
      ]),
      fleet,
    )
    expect(issues).toEqual([
      {
        code: 'no_capable_device',
        severity: 'error',
        stepId: 'disk',
        path: ['steps', 0, 'target'],
        message: 'No device offers `check.disk` with tag `us`; 0 of 4 online devices match.',
      },
    ])
  })

  it('a registered device that is offline satisfies the start check; the editor warns that none is online', () => {
    const list = steps([
      {
        id: 'disk',
        name: 'disk',
        type: 'command',
        action: 'check.disk',
        target: { selector: { tags: ['eu'] } },
      },
    ])
    expect(checkPlacement(list, fleet)).toEqual([])
    const [warning] = checkPlacement(list, fleet, { includeOffline: true, severity: 'warning' })
    expect(warning).toMatchObject({ code: 'no_online_device', severity: 'warning', stepId: 'disk' })
    expect(warning?.message).toBe(
      'No online device offers `check.disk` with tag `eu` (1 registered device matches but is offline or draining); 0 of 4 online devices match.',
    )
  })

  it('checks device ids, capabilities and untargeted steps; a matching fleet gives no issue', () => {
    const list = steps([
      { id: 'a', name: 'a', type: 'command', action: 'echo' },
      { id: 'b', name: 'b', type: 'command', action: 'echo', target: { deviceId: 'nowhere' } },
      { id: 'c', name: 'c', type: 'command', action: 'shell.exec' },
      {
        id: 'd',
        name: 'd',
        type: 'command',
        action: 'echo',
        target: { selector: { capabilities: ['system.info'], tags: ['us'] } },
      },
    ])
    const issues = checkPlacement(list, fleet)
    expect(issues.map((i) => [i.stepId, i.path.at(-1), i.message])).toEqual([
      ['b', 'target', 'No registered device `nowhere` offers `echo`; 0 of 4 online devices match.'],
      ['c', 'action', 'No device offers `shell.exec`; 0 of 4 online devices match.'],
    ])
  })

  it('leaves targets built from run data to dispatch, and skips fan-outs that need no device', () => {
    const list = steps([
      { id: 'a', name: 'a', type: 'command', action: 'nope', target: { deviceId: '{{ inputs.device }}' } },
      {
        id: 'b',
        name: 'b',
        type: 'command',
        action: 'nope',
        target: { selector: { tags: ['{{ inputs.tag }}'] } },
      },
      {
        id: 'c',
        name: 'c',
        type: 'parallel',
        action: 'nope',
        over: 'items',
        items: [],
        target: { selector: { tags: ['x'] } },
      },
      { id: 'd', name: 'd', type: 'parallel', action: 'nope', over: 'devices', allowEmpty: true },
      { id: 'e', name: 'e', type: 'parallel', action: 'nope', over: 'items', items: '{{ inputs.list }}' },
      { id: 'f', name: 'f', type: 'parallel', action: 'nope', over: 'devices' },
    ])
    expect(staticPlacementNeeds(list).map((n) => n.stepId)).toEqual(['e', 'f'])
    expect(checkPlacement(list, fleet).map((i) => i.stepId)).toEqual(['e', 'f'])
  })

  it('counts online devices in the message, in the singular too', () => {
    expect(
      describeShortfall(
        'x',
        { selector: { tags: ['a', 'b'], capabilities: ['y'] } },
        { registered: 0, online: 0, onlineTotal: 1 },
      ),
    ).toBe('no device offers `x` with tags `a`, `b` and capability `y`; 0 of 1 online device match')
  })
})

describe('placementTimeoutMs', () => {
  it('is the step override, else the workflow default, else 30 s', () => {
    const definition = ZWorkflowDefinition.parse({
      name: 'w',
      placementTimeout: '5s',
      steps: [
        { id: 'a', name: 'a', type: 'command', action: 'echo', placementTimeout: 1500 },
        { id: 'b', name: 'b', type: 'parallel', action: 'echo' },
      ],
    })
    const [a, b] = definition.steps
    expect(placementTimeoutMs(a!, definition)).toBe(1500)
    expect(placementTimeoutMs(b!, definition)).toBe(5000)
    expect(placementTimeoutMs(b!, {})).toBe(DEFAULT_PLACEMENT_TIMEOUT_MS)
    expect(DEFAULT_PLACEMENT_TIMEOUT_MS).toBe(30_000)
  })
})

describe('renderTarget', () => {
  const context = {
    inputs: { tag: 'eu', n: 3 },
    vars: {},
    steps: {},
    run: { id: 'r', workflowId: 'w', version: 1, startedAt: '' },
  }

  it('renders device ids and tags per item, with inputs in scope', () => {
    expect(renderTarget({ deviceId: '{{ item }}' }, { ...context, item: 'demo-edge-eu', index: 0 })).toEqual({
      deviceId: 'demo-edge-eu',
    })
    expect(
      renderTarget({ selector: { tags: ['{{ inputs.tag }}', 'edge'] }, strategy: 'random' }, context),
    ).toEqual({
      selector: { tags: ['eu', 'edge'] },
      strategy: 'random',
    })
  })

  it('refuses what is not a target, naming the field', () => {
    expect(() => renderTarget({ selector: { tags: ['{{ inputs.n }}'] } }, context)).toThrow(
      'target.selector.tags[0] rendered to 3; it must be a non-empty string',
    )
  })
})

import { describe, expect, it } from 'vitest'
import { BUILTIN_ALERT_RULES, ZAlertRuleInput } from './alert-rules'

const fieldsOf = (input: unknown) => {
  const parsed = ZAlertRuleInput.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('alert rule validation', () => {
  it('the four built-in rules are valid and carry the seed thresholds', () => {
    for (const { builtinKey: _key, ...rule } of BUILTIN_ALERT_RULES) expect(fieldsOf(rule)).toEqual([])
    const byKey = Object.fromEntries(BUILTIN_ALERT_RULES.map((r) => [r.builtinKey, r]))
    expect(byKey.execution_latency?.threshold).toBe(100)
    expect(byKey.failure_rate?.threshold).toBe(0.01)
    expect(byKey.queue_depth?.threshold).toBe(1000)
    expect(byKey.device_utilization?.threshold).toBe(0.8)
  })

  it('defaults fill comparator, window, for, webhook and enabled', () => {
    const parsed = ZAlertRuleInput.parse({ name: 'Slow', metric: 'step_duration_p95_ms', threshold: 2000 })
    expect(parsed).toMatchObject({
      comparator: '>',
      windowSeconds: 300,
      forSeconds: 60,
      webhookUrl: null,
      enabled: true,
    })
  })

  it('every bad field is reported, each naming the field', () => {
    const issues = fieldsOf({
      name: ' ',
      metric: 'cpu',
      threshold: -1,
      windowSeconds: 5,
      webhookUrl: 'ftp://x',
    })
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: /),
        expect.stringMatching(/^metric: metric must be one of/),
        expect.stringMatching(/^threshold: /),
        expect.stringMatching(/^windowSeconds: windowSeconds must be at least 10/),
        expect.stringMatching(/^webhookUrl: /),
      ]),
    )
  })

  it('a ratio metric refuses a threshold above 1 and says how to write a percentage', () => {
    expect(fieldsOf({ name: 'x', metric: 'run_failure_rate', threshold: 5 })).toEqual([
      'threshold: threshold for run_failure_rate is a ratio between 0 and 1 (0.01 = 1%)',
    ])
  })
})

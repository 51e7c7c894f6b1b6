// Alert rules: the fields a rule has, how they are validated (every problem named by field), and
// the seed's four built-in rules with their default thresholds.
import { z } from 'zod'
import { ALERT_METRICS, ALERT_METRIC_INFO, type AlertMetric } from './alert-metrics'

export const ALERT_COMPARATORS = ['>', '<'] as const
export type AlertComparator = (typeof ALERT_COMPARATORS)[number]

export const MAX_ALERT_WINDOW_SECONDS = 24 * 3600

export const ZAlertRuleFields = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(120, 'name must be at most 120 characters'),
  metric: z.enum(ALERT_METRICS, { error: `metric must be one of ${ALERT_METRICS.join(', ')}` }),
  comparator: z.enum(ALERT_COMPARATORS, { error: 'comparator must be > or <' }).default('>'),
  threshold: z.number({ error: 'threshold must be a number' }).finite().min(0, 'threshold must be 0 or more'),
  windowSeconds: z
    .number()
    .int('windowSeconds must be a whole number of seconds')
    .min(10, 'windowSeconds must be at least 10')
    .max(MAX_ALERT_WINDOW_SECONDS, 'windowSeconds must be at most 86400 (one day)')
    .default(300),
  forSeconds: z
    .number()
    .int('forSeconds must be a whole number of seconds')
    .min(0, 'forSeconds must be 0 or more')
    .max(MAX_ALERT_WINDOW_SECONDS, 'forSeconds must be at most 86400 (one day)')
    .default(60),
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'webhookUrl must be an http:// or https:// URL' })
    .max(2000, 'webhookUrl must be at most 2000 characters')
    .nullable()
    .default(null),
  enabled: z.boolean().default(true),
})
export type TAlertRuleFields = z.output<typeof ZAlertRuleFields>

/** Cross-field checks the object schema cannot express: ratios live in 0..1. */
export function checkAlertRule(rule: { metric: AlertMetric; threshold: number }, ctx: z.RefinementCtx): void {
  if (ALERT_METRIC_INFO[rule.metric].unit === 'ratio' && rule.threshold > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['threshold'],
      message: `threshold for ${rule.metric} is a ratio between 0 and 1 (0.01 = 1%)`,
    })
  }
}

export const ZAlertRuleInput = ZAlertRuleFields.superRefine(checkAlertRule)

export interface BuiltinAlertRule extends TAlertRuleFields {
  builtinKey: string
}

/** The seed's rules: execution latency > 100 ms, failure rate > 1 %, queue depth > 1000, utilization > 80 %. */
export const BUILTIN_ALERT_RULES: readonly BuiltinAlertRule[] = [
  {
    builtinKey: 'execution_latency',
    name: 'Execution latency above 100 ms',
    metric: 'dispatch_latency_p95_ms',
    comparator: '>',
    threshold: 100,
    windowSeconds: 300,
    forSeconds: 60,
    webhookUrl: null,
    enabled: true,
  },
  {
    builtinKey: 'failure_rate',
    name: 'Run failure rate above 1%',
    metric: 'run_failure_rate',
    comparator: '>',
    threshold: 0.01,
    windowSeconds: 900,
    forSeconds: 60,
    webhookUrl: null,
    enabled: true,
  },
  {
    builtinKey: 'queue_depth',
    name: 'Queue depth above 1000',
    metric: 'queue_depth',
    comparator: '>',
    threshold: 1000,
    windowSeconds: 60,
    forSeconds: 30,
    webhookUrl: null,
    enabled: true,
  },
  {
    builtinKey: 'device_utilization',
    name: 'Device utilization above 80%',
    metric: 'device_utilization',
    comparator: '>',
    threshold: 0.8,
    windowSeconds: 60,
    forSeconds: 120,
    webhookUrl: null,
    enabled: true,
  },
]

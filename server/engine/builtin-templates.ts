// The built-in templates seeded into every installation. Pure data; each instantiates to a
// valid workflow with its defaults (pinned by builtin-templates.test.ts).
import type { TWorkflowTemplate } from './workflow-template'

const rollingRestart: TWorkflowTemplate = {
  name: 'Rolling restart across a fleet',
  description:
    'Restart a service on every device with a tag, a few at a time, then health-check it, report the result, and fail the run when it went wrong.',
  category: 'operations',
  variables: [
    { name: 'tag', type: 'string', description: 'Devices with this tag are restarted', default: 'web' },
    { name: 'service', type: 'string', description: 'The systemd service to restart', default: 'app' },
    { name: 'batchSize', type: 'integer', description: 'Devices restarted at the same time', default: 2 },
    {
      name: 'maxFailures',
      type: 'integer',
      description: 'Devices that may fail before the restart counts as failed',
      default: 1,
    },
    {
      name: 'healthUrl',
      type: 'string',
      description: 'URL that answers 200 when the service is healthy',
      default: 'http://localhost:8080/health',
    },
    {
      name: 'notifyUrl',
      type: 'string',
      description: 'Webhook that receives the result',
      default: 'https://hooks.example.com/relayflow',
    },
  ],
  workflow: {
    schemaVersion: 1,
    name: 'Rolling restart of [[ service ]] on [[ tag ]]',
    description: 'Restarts [[ service ]] on devices tagged [[ tag ]] in batches of [[ batchSize ]].',
    timeout: '1h',
    metadata: { tags: ['operations', 'restart'] },
    steps: [
      {
        id: 'restart',
        type: 'parallel',
        name: 'Restart [[ service ]]',
        action: 'shell.exec',
        over: 'devices',
        target: { selector: { tags: ['[[ tag ]]'] } },
        params: { command: 'systemctl restart [[ service ]]' },
        maxConcurrency: '[[ batchSize ]]',
        failureTolerance: { count: '[[ maxFailures ]]' },
        timeout: '5m',
        retryPolicy: { maxAttempts: 2, backoff: 'fixed', initialDelay: '10s' },
        position: { x: 0, y: 0 },
      },
      {
        id: 'health',
        type: 'command',
        name: 'Health check',
        action: 'http.request',
        dependencies: ['restart'],
        target: { selector: { tags: ['[[ tag ]]'] } },
        params: { method: 'GET', url: '[[ healthUrl ]]' },
        timeout: '30s',
        retryPolicy: { maxAttempts: 3, initialDelay: '5s' },
        position: { x: 320, y: 0 },
      },
      {
        id: 'healthy',
        type: 'condition',
        name: 'Healthy?',
        dependencies: ['health'],
        expression: 'steps.health.output.status == 200',
        position: { x: 640, y: 0 },
      },
      {
        id: 'notify_ok',
        type: 'webhook',
        name: 'Report success',
        dependencies: [{ step: 'healthy', on: 'true' }],
        request: {
          method: 'POST',
          url: '[[ notifyUrl ]]',
          body: {
            text: 'Rolling restart of [[ service ]] on "[[ tag ]]" finished and is healthy (run {{ run.id }}).',
          },
        },
        position: { x: 960, y: -100 },
      },
      {
        id: 'notify_failed',
        type: 'webhook',
        name: 'Report failure',
        join: 'any',
        dependencies: [
          { step: 'healthy', on: 'false' },
          { step: 'restart', on: 'failure' },
          { step: 'health', on: 'failure' },
        ],
        request: {
          method: 'POST',
          url: '[[ notifyUrl ]]',
          body: {
            text: 'Rolling restart of [[ service ]] on "[[ tag ]]" needs attention (run {{ run.id }}).',
          },
        },
        position: { x: 960, y: 100 },
      },
      {
        // The report handled the failure; this keeps the run itself failed, so it never reads as a success.
        id: 'restart_failed',
        type: 'fail',
        name: 'Fail the run',
        dependencies: ['notify_failed'],
        error: {
          code: 'restart_unhealthy',
          message: 'The rolling restart of [[ service ]] on "[[ tag ]]" failed or left it unhealthy; the team was notified.',
        },
        position: { x: 1280, y: 100 },
      },
    ],
  },
}

const healthCheck: TWorkflowTemplate = {
  name: 'Health check with retry and alert webhook',
  description:
    'Probe a URL from a device, retrying with exponential backoff; when it is down, call an alert webhook and fail the run.',
  category: 'monitoring',
  variables: [
    { name: 'url', type: 'string', description: 'The URL to probe', default: 'https://example.com/health' },
    {
      name: 'deviceTag',
      type: 'string',
      description: 'Probe from a device with this tag',
      default: 'monitor',
    },
    { name: 'attempts', type: 'integer', description: 'Attempts before giving up', default: 3 },
    {
      name: 'alertUrl',
      type: 'string',
      description: 'Webhook called when the check fails',
      default: 'https://hooks.example.com/alerts',
    },
  ],
  workflow: {
    schemaVersion: 1,
    name: 'Health check [[ url ]]',
    timeout: '5m',
    metadata: { tags: ['monitoring'] },
    steps: [
      {
        id: 'probe',
        type: 'command',
        name: 'Probe',
        action: 'http.request',
        target: { selector: { tags: ['[[ deviceTag ]]'] } },
        params: { method: 'GET', url: '[[ url ]]' },
        timeout: '10s',
        retryPolicy: {
          maxAttempts: '[[ attempts ]]',
          backoff: 'exponential',
          initialDelay: '2s',
          maxDelay: '30s',
          multiplier: 2,
          jitter: 0.2,
        },
        position: { x: 0, y: 0 },
      },
      {
        id: 'is_up',
        type: 'condition',
        name: 'Up?',
        dependencies: ['probe'],
        expression: 'steps.probe.output.status >= 200 && steps.probe.output.status < 300',
        position: { x: 320, y: 0 },
      },
      {
        id: 'alert',
        type: 'webhook',
        name: 'Alert',
        join: 'any',
        dependencies: [
          { step: 'is_up', on: 'false' },
          { step: 'probe', on: 'failure' },
        ],
        request: {
          method: 'POST',
          url: '[[ alertUrl ]]',
          body: { text: 'Health check failed for [[ url ]]', runId: '{{ run.id }}' },
        },
        position: { x: 640, y: 0 },
      },
      {
        // The alert handled the probe's failure; this keeps the run failed, so "down" never reads as a success.
        id: 'down',
        type: 'fail',
        name: 'Fail the run',
        dependencies: ['alert'],
        error: {
          code: 'health_check_failed',
          message: '[[ url ]] did not answer with a 2xx status; the alert was sent.',
        },
        position: { x: 960, y: 0 },
      },
    ],
  },
}

const nightlyCollection: TWorkflowTemplate = {
  name: 'Nightly data collection',
  description:
    'Collect system information from every device with a tag, let stragglers settle, then upload the results.',
  category: 'data',
  variables: [
    { name: 'tag', type: 'string', description: 'Collect from devices with this tag', default: 'collector' },
    {
      name: 'settle',
      type: 'string',
      description: 'How long to wait before uploading (e.g. 30s, 5m)',
      default: '30s',
    },
    {
      name: 'uploadUrl',
      type: 'string',
      description: 'Where the results are POSTed',
      default: 'https://collector.example.com/upload',
    },
  ],
  workflow: {
    schemaVersion: 1,
    name: 'Nightly collection from [[ tag ]]',
    timeout: '2h',
    errorHandling: { strategy: 'continue' },
    metadata: { tags: ['nightly', 'data'] },
    steps: [
      {
        id: 'collect',
        type: 'parallel',
        name: 'Collect system info',
        action: 'system.info',
        over: 'devices',
        target: { selector: { tags: ['[[ tag ]]'] } },
        maxConcurrency: 50,
        failureTolerance: { percent: 20 },
        timeout: '2m',
        position: { x: 0, y: 0 },
      },
      {
        id: 'settle',
        type: 'wait',
        name: 'Settle',
        dependencies: ['collect'],
        wait: { kind: 'duration', duration: '[[ settle ]]' },
        position: { x: 320, y: 0 },
      },
      {
        id: 'upload',
        type: 'webhook',
        name: 'Upload results',
        dependencies: ['settle'],
        request: {
          method: 'POST',
          url: '[[ uploadUrl ]]',
          body: { startedAt: '{{ run.startedAt }}', results: '{{ steps.collect.output }}' },
          timeout: '1m',
        },
        retryPolicy: { maxAttempts: 3 },
        position: { x: 640, y: 0 },
      },
    ],
  },
}

export const builtinTemplates: readonly TWorkflowTemplate[] = [rollingRestart, healthCheck, nightlyCollection]

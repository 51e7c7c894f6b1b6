// Benchmark: validateWorkflow on realistic 1,000- and 2,000-step workflows (chain of groups
// with a condition, fan-out, a parallel step over items, a webhook, a wait and a join).
// Run directly (`npx tsx bench/validate-workflow.bench.ts`) or via run() from a bench runner.
import { fileURLToPath } from 'node:url'
import { validateWorkflow } from '../server/engine/validate-workflow'

const STEPS_PER_GROUP = 10

export function buildBenchWorkflow(steps: number): Record<string, unknown> {
  const list: Record<string, unknown>[] = []
  const groups = Math.ceil(steps / STEPS_PER_GROUP)
  for (let g = 0; g < groups; g++) {
    const prev = g > 0 ? [`join_${g - 1}`] : []
    const x = g * 40
    list.push(
      {
        id: `build_${g}`,
        type: 'command',
        name: `Build ${g}`,
        action: 'shell.exec',
        dependencies: prev,
        timeout: '5m',
        retryPolicy: { maxAttempts: 3 },
        position: { x, y: 0 },
        params: {
          command: 'make release VERSION={{ inputs.version }}',
          env: { REGION: '{{ vars.region }}' },
          previous: g > 0 ? `{{ steps.join_${g - 1}.output }}` : 'none',
        },
        target: { selector: { tags: ['builder'], capabilities: ['shell.exec'] }, strategy: 'least-loaded' },
      },
      {
        id: `check_${g}`,
        type: 'condition',
        name: `Check ${g}`,
        dependencies: [`build_${g}`],
        expression: `steps.build_${g}.output.code == 0 && inputs.env != "dev"`,
        position: { x, y: 100 },
      },
      ...[0, 1, 2].map((k) => ({
        id: `fan_${g}_${k}`,
        type: 'command',
        name: `Fan ${g}.${k}`,
        action: 'http.request',
        dependencies: [{ step: `check_${g}`, on: 'true' }],
        params: {
          url: `https://svc-${k}.internal/{{ inputs.env }}/deploy`,
          artifact: `{{ steps.build_${g}.output.artifact.url }}`,
          attempt: `${k}`,
        },
        position: { x: x + k * 10, y: 200 },
      })),
      {
        id: `par_${g}`,
        type: 'parallel',
        name: `Rollout ${g}`,
        action: 'echo',
        over: 'items',
        items: '{{ inputs.hosts }}',
        maxConcurrency: 5,
        failureTolerance: { percent: 10 },
        dependencies: [{ step: `check_${g}`, on: 'true' }],
        params: {
          host: '{{ item }}',
          n: '{{ index }}',
          note: 'batch {{ index + 1 }} of {{ size(inputs.hosts) }}',
        },
        position: { x, y: 300 },
      },
      {
        id: `alert_${g}`,
        type: 'webhook',
        name: `Alert ${g}`,
        dependencies: [{ step: `check_${g}`, on: 'false' }],
        position: { x, y: 400 },
        request: {
          method: 'POST',
          url: 'https://hooks.example.com/{{ inputs.env }}',
          headers: { 'x-run': '{{ run.id }}' },
          body: { text: `Build ${g} failed: {{ steps.build_${g}.output.code }}` },
        },
      },
      {
        id: `wait_${g}`,
        type: 'wait',
        name: `Settle ${g}`,
        dependencies: [`par_${g}`],
        wait: { kind: 'duration', duration: '30s' },
        position: { x, y: 500 },
      },
      {
        id: `gate_${g}`,
        type: 'condition',
        name: `Gate ${g}`,
        dependencies: [`wait_${g}`],
        expression: `"ok" in steps.par_${g}.output.statuses || vars.force`,
        position: { x, y: 600 },
      },
      {
        id: `join_${g}`,
        type: 'command',
        name: `Join ${g}`,
        action: 'echo',
        join: 'all',
        position: { x, y: 700 },
        dependencies: [
          `fan_${g}_0`,
          `fan_${g}_1`,
          `fan_${g}_2`,
          { step: `gate_${g}`, on: 'true' },
          { step: `alert_${g}`, on: 'always' },
        ],
        params: { message: `group ${g} done for {{ inputs.env }}` },
      },
    )
  }
  return {
    name: `Bench ${steps}`,
    timeout: '2d',
    inputs: {
      type: 'object',
      properties: {
        env: { type: 'string', enum: ['dev', 'prod'], default: 'prod' },
        version: { type: 'string' },
        hosts: { type: 'array', items: { type: 'string' } },
      },
      required: ['version'],
    },
    variables: { region: 'eu-west-1', force: false },
    retryPolicy: { maxAttempts: 2, backoff: 'exponential', initialDelay: '1s' },
    steps: list.slice(0, steps),
  }
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, i)] ?? 0
}

function measure(steps: number, runs: number) {
  const doc = buildBenchWorkflow(steps)
  let t = performance.now()
  const first = validateWorkflow(doc)
  const coldMs = performance.now() - t
  if (!first.ok) throw new Error(`bench workflow is invalid: ${JSON.stringify(first.issues.slice(0, 3))}`)
  for (let i = 0; i < 5; i++) validateWorkflow(doc) // JIT warm-up; coldMs above is the first call
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    t = performance.now()
    validateWorkflow(doc)
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 100) / 100
  return {
    steps,
    runs,
    coldMs: round(coldMs),
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    maxMs: round(times[times.length - 1] ?? 0),
    warnings: first.warnings.length,
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const main = measure(1000, 40)
  await new Promise((resolve) => setTimeout(resolve, 0)) // let the event loop and GC settle between cases
  const large = measure(2000, 20)
  return { name: 'validate-workflow', ...main, budgetMs: 100, withinBudget: main.p95Ms < 100, large }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error)
      process.exitCode = 1
    },
  )
}

// Measures a page's smoothness from inside it: requestAnimationFrame deltas and long tasks
// (PerformanceObserver 'longtask', main-thread tasks over 50 ms) between start and stop.
// Scripts are strings so neither tsx nor Playwright wraps them with helpers the page lacks.
import type { Page } from '@playwright/test'

export interface FrameStats {
  durationMs: number
  frames: number
  fps: number
  frameMsP50: number
  frameMsP95: number
  frameMsMax: number
  framesOver50ms: number
  longTasks: number
  longTaskMsTotal: number
  longTaskMsMax: number
}

const INSTALL = `(() => {
  if (window.__relayflowFrames) return
  const state = { recording: false, frames: [], longTasks: [], startedAt: 0 }
  window.__relayflowFrames = state
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (state.recording) state.longTasks.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: false })
  } catch (e) {
    state.longTasksUnsupported = true
  }
})()`

const START = `(() => {
  const state = window.__relayflowFrames
  state.recording = true
  state.frames = []
  state.longTasks = []
  state.startedAt = performance.now()
  const tick = (t) => {
    if (!state.recording) return
    state.frames.push(t)
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})()`

const STOP = `(() => {
  const state = window.__relayflowFrames
  state.recording = false
  return { frames: state.frames, longTasks: state.longTasks, durationMs: performance.now() - state.startedAt }
})()`

/** Registers the long-task observer before any page script runs; call before `page.goto`. */
export async function installFrameRecorder(page: Page): Promise<void> {
  await page.addInitScript(INSTALL)
}

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(INSTALL) // in case the page was opened before installFrameRecorder
  await page.evaluate(START)
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
}

const round = (n: number) => Number(n.toFixed(1))

export async function stopFrames(page: Page): Promise<FrameStats> {
  const raw = await page.evaluate<{
    frames: number[]
    longTasks: { start: number; duration: number }[]
    durationMs: number
  }>(STOP)
  const deltas = raw.frames
    .slice(1)
    .map((t, i) => t - (raw.frames[i] ?? t))
    .sort((a, b) => a - b)
  const longTaskMs = raw.longTasks.map((t) => t.duration)
  return {
    durationMs: Math.round(raw.durationMs),
    frames: deltas.length,
    fps: round(raw.durationMs > 0 ? (deltas.length * 1000) / raw.durationMs : 0),
    frameMsP50: round(percentile(deltas, 50)),
    frameMsP95: round(percentile(deltas, 95)),
    frameMsMax: round(deltas.at(-1) ?? 0),
    framesOver50ms: deltas.filter((d) => d > 50).length,
    longTasks: longTaskMs.length,
    longTaskMsTotal: Math.round(longTaskMs.reduce((a, b) => a + b, 0)),
    longTaskMsMax: Math.round(Math.max(0, ...longTaskMs)),
  }
}

// CPU time of processes on this machine from /proc (Linux): one process by pid, and the children
// of a parent (a postmaster's backends). Figures are user + system time in milliseconds.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

type ProcStat = { ppid: number; cpuMs: number }

/** Parses /proc/<pid>/stat; undefined when the process is gone or /proc is not readable. */
function readProcStat(pid: number): ProcStat | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  const ppid = Number(fields[1])
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined
  return { ppid, cpuMs: ((utime + stime) * 1000) / ticksPerSecond }
}

export function processCpuMs(pid: number): number | undefined {
  return readProcStat(pid)?.cpuMs
}

export function parentPid(pid: number): number | undefined {
  return readProcStat(pid)?.ppid
}

/** CPU ms by pid for every live child of `parent`. */
export function childrenCpuMs(parent: number): Map<number, number> {
  const found = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = readProcStat(Number(entry))
    if (stat?.ppid === parent) found.set(Number(entry), stat.cpuMs)
  }
  return found
}

/**
 * CPU spent between two samples by the processes in them. A process that appeared in between
 * counts whole; one that exited in between counts nothing (its last share is unknowable).
 */
export function cpuDeltaMs(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0)
  return total
}

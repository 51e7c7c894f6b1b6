'use client'
// Grouped bars comparing percentiles (p50/p95/p99) across windows, e.g. the last 5 and 60 minutes.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export interface PercentileGroup {
  label: string
  p50: number | null
  p95: number | null
  p99: number | null
}

const COLORS = { p50: '#60a5fa', p95: '#2563eb', p99: '#1e3a8a' } as const

export function PercentileBarChart({
  groups,
  formatValue,
  title,
  height = 200,
}: {
  groups: PercentileGroup[]
  formatValue: (value: number) => string
  title: string
  height?: number
}) {
  return (
    <div role="img" aria-label={title} style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={groups} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="label" fontSize={11} />
          <YAxis tickFormatter={(v: number) => formatValue(v)} fontSize={11} width={56} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatValue(v) : 'no data')} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {(['p50', 'p95', 'p99'] as const).map((p) => (
            <Bar key={p} dataKey={p} name={p} fill={COLORS[p]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}

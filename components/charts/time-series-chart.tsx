'use client'
// A small line chart over time (recharts): one line per series, times on the x axis, values
// formatted by the caller. Missing values leave gaps rather than dropping to zero.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export interface TimeSeriesLine {
  key: string
  label: string
  color: string
}

export interface TimeSeriesChartProps {
  data: ({ t: number } & Record<string, number | null>)[]
  lines: TimeSeriesLine[]
  formatValue?: (value: number) => string
  height?: number
  /** Accessible name of the chart. */
  title: string
}

const formatTime = (t: number) =>
  new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

export function TimeSeriesChart({
  data,
  lines,
  formatValue = String,
  height = 200,
  title,
}: TimeSeriesChartProps) {
  if (data.length === 0) {
    return (
      <div
        className="muted"
        style={{ height, display: 'grid', placeItems: 'center' }}
        role="img"
        aria-label={`${title}: no samples yet`}
      >
        No samples yet
      </div>
    )
  }
  return (
    <div role="img" aria-label={title} style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis
            dataKey="t"
            type="number"
            domain={['dataMin', 'dataMax']}
            scale="time"
            tickFormatter={formatTime}
            fontSize={11}
            minTickGap={40}
          />
          <YAxis tickFormatter={(v: number) => formatValue(v)} fontSize={11} width={56} allowDecimals />
          <Tooltip
            labelFormatter={(t) => formatTime(Number(t))}
            formatter={(v) => (typeof v === 'number' ? formatValue(v) : String(v))}
          />
          {lines.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {lines.map((line) => (
            <Line
              key={line.key}
              type="monotone"
              dataKey={line.key}
              name={line.label}
              stroke={line.color}
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

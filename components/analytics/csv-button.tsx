'use client'
// "CSV" on each report card: downloads exactly the rows the card shows.
import { downloadText } from '@/components/ui/download-text'
import { toCsv, type CsvColumn } from './analytics-csv'
import styles from './analytics.module.css'

export function CsvButton<T>(props: { name: string; columns: CsvColumn<T>[]; rows: T[] }) {
  return (
    <button
      type="button"
      className={styles.csv}
      aria-label={`Export ${props.name} as CSV`}
      onClick={() => downloadText(`relayflow-${props.name}.csv`, toCsv(props.columns, props.rows), 'text/csv')}
    >
      CSV
    </button>
  )
}

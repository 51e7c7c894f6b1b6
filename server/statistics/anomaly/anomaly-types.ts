// What the anomaly detectors report: which subject deviated, by how much, and a sentence saying so.

export type AnomalySubjectKind = 'step' | 'device'

export interface Anomaly {
  kind: 'slow_execution' | 'slow_device' | 'high_failure_rate'
  subject: { kind: AnomalySubjectKind; key: string; label: string }
  /** The flagged execution (a step row id), absent for subject-level anomalies. */
  sampleId?: string
  at?: Date
  observed: number
  baseline: number
  /** observed / baseline for durations; robust or binomial z-score as `score`. */
  ratio: number
  score: number
  explanation: string
}

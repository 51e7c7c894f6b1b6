// Whether the page receives live updates; while it does not, it says so (the view catches up
// by itself when the connection returns).
import styles from './runs.module.css'

export function LiveIndicator({ connected }: { connected: boolean }) {
  return (
    <span role="status" aria-label="Live updates" className={`${styles.live} ${connected ? styles.isLive : styles.isOffline}`}>
      {connected ? '● Live' : '○ Reconnecting…'}
    </span>
  )
}

'use client'
// The ways to start: a new workflow, one from a template, an import, or browsing. Actions the
// caller's role cannot take are hidden (the server refuses them anyway); browsing stays for all.
import Link from 'next/link'
import { StartWorkflowActions } from '@/components/workflows/start-workflow-actions'
import { HomePanel } from './home-panel'
import styles from './home.module.css'

export function StartActions() {
  return (
    <HomePanel id="home-start" title="Start" wide>
      <StartWorkflowActions className={styles.actions}>
        <Link href="/templates">Browse templates →</Link>
        <Link href="/workflows">All workflows →</Link>
        <a href="/api/schema/workflow-v1.json">Workflow format (JSON Schema) →</a>
      </StartWorkflowActions>
    </HomePanel>
  )
}

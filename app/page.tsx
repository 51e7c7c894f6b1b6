import Link from 'next/link'

export default function OverviewPage() {
  return (
    <>
      <h1>Relayflow</h1>
      <p className="muted">
        Draw a workflow, run it durably across your fleet of devices, and watch every step live.
      </p>
      <div className="cards">
        <div className="card">
          <h2>Workflows</h2>
          <p>Create, import and version workflows.</p>
          <Link href="/workflows">Open workflows →</Link>
        </div>
        <div className="card">
          <h2>Templates</h2>
          <p>Start from a rolling restart, a health check or a nightly collection.</p>
          <Link href="/templates">Browse templates →</Link>
        </div>
        <div className="card">
          <h2>Workflow format</h2>
          <p>The JSON document every workflow is stored as.</p>
          <a href="/api/schema/workflow-v1.json">JSON Schema →</a>
        </div>
      </div>
    </>
  )
}

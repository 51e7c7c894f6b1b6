'use client'
// What an empty canvas shows: how to start, step by step, with a button for the first step.
export function CanvasEmptyState({ onAddStep }: { onAddStep: (type: string) => void }) {
  return (
    <section className="canvas-empty" aria-label="How to start">
      <h2>This workflow has no steps yet</h2>
      <ol>
        <li>
          Add a step: drag one from the palette on the left onto the canvas, or click it.{' '}
          <button type="button" className="primary" onClick={() => onAddStep('command')}>
            Add a Command step
          </button>
        </li>
        <li>
          Connect steps: drag from an output on the right of a step to the input on the left of another.
        </li>
        <li>
          Configure the selected step in the inspector on the right; problems are listed under the canvas.
        </li>
        <li>Save a version (Ctrl/⌘ + S), then Run it.</li>
      </ol>
      <p className="muted">
        Sticky notes from the palette explain a workflow to the next reader. Press <kbd>?</kbd> for every
        keyboard shortcut.
      </p>
    </section>
  )
}

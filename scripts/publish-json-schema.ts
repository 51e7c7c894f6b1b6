// Writes docs/workflow.schema.json from the zod workflow schema (`npm run schema:publish`).
// A unit test compares the committed file with the generated schema, so it cannot go stale.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { workflowJsonSchema } from '../server/engine/json-schema'

const target = fileURLToPath(new URL('../docs/workflow.schema.json', import.meta.url))
writeFileSync(target, `${JSON.stringify(workflowJsonSchema(), null, 2)}\n`)
console.log(`wrote ${target}`)

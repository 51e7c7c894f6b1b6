// The API's wire format: superjson, as the web app and the CLI expect, with one rule on the way out:
// reading never fails. A stored value nested deeper than superjson's recursion can walk (only data
// stored before the JSON guard, or composed from many checked values) is sent cut at MAX_READ_DEPTH
// with a marker, instead of answering 500 on every read of that run.
import superjson from 'superjson'
import { limitJsonDepth } from '@/contracts/json-guard'

type SuperJsonResult = ReturnType<typeof superjson.serialize>

export const apiTransformer = {
  serialize: (value: unknown): SuperJsonResult => superjson.serialize(limitJsonDepth(value)),
  deserialize: (value: SuperJsonResult): unknown => superjson.deserialize(value),
}

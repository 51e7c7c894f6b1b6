// Calls the tRPC HTTP API from a spec the way the browser does (superjson envelope), failing the
// test with the server's answer when the call is refused.
import { expect, type APIRequestContext } from '@playwright/test'

export async function callProcedure<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${procedure}`, { data: { json: input } })
  expect(response.ok(), await response.text()).toBe(true)
  const body = (await response.json()) as { result: { data: { json: T } } }
  return body.result.data.json
}

export async function queryProcedure<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const response = await request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
  expect(response.ok(), await response.text()).toBe(true)
  const body = (await response.json()) as { result: { data: { json: T } } }
  return body.result.data.json
}

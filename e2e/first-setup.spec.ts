// A fresh install as its first user meets it: every page leads to /setup, the form creates the
// first admin and signs them in, sign-out leads to /login, and signing in again works. It runs
// against a server of its own on an empty database (a new embedded cluster, or a new database on
// DATABASE_URL's server), since the suite's server already has its admin.
import { rmSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import postgres from 'postgres'
import { findFreePort } from '@/db/embedded-postgres'
import { startServerProcess, type ServerProcess } from './support/server-process'

/** An empty database for the new server: env to start it with, and how to remove it afterwards. */
async function emptyDatabase(label: string): Promise<{ env: Record<string, string>; remove: () => Promise<void> }> {
  const shared = process.env.DATABASE_URL
  if (!shared) {
    const dataDir = path.join('.data', `e2e-${label}`)
    rmSync(dataDir, { recursive: true, force: true })
    return { env: { RELAYFLOW_DATA_DIR: dataDir }, remove: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })) }
  }
  const name = `relayflow_${label}_${Date.now().toString(36)}`
  const admin = postgres(shared, { max: 1, onnotice: () => {} })
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const url = new URL(shared)
  url.pathname = `/${name}`
  return {
    env: { DATABASE_URL: url.toString() },
    remove: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

test('a fresh install asks for the first admin, who can then sign out and in again', async ({ browser }) => {
  test.setTimeout(180_000)
  const database = await emptyDatabase('first-setup')
  const webServer = test.info().config.webServer
  let server: ServerProcess | undefined
  // Not the suite's signed-in state: this visitor has never been here.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } })
  try {
    server = await startServerProcess({
      port: await findFreePort(),
      env: { ...webServer?.env, ...database.env, RELAYFLOW_SEED: '0', RELAYFLOW_DEMO_DEVICES: '0' },
    })
    const page = await context.newPage()
    await page.goto(`${server.url}/workflows`)
    await expect(page).toHaveURL(/\/setup/)
    const form = page.getByRole('form', { name: 'Create the first admin' })
    await form.getByLabel('Name').fill('First Admin')
    await form.getByLabel('Email').fill('first@relayflow.test')
    await form.getByLabel('Password (at least 12 characters)').fill('a long enough secret')
    await form.getByLabel('Repeat the password').fill('a long enough secret')
    await form.getByRole('button', { name: 'Create admin and sign in' }).click()

    const menu = page.getByRole('button', { name: /First Admin/ })
    await expect(menu).toBeVisible()
    await expect(menu).toContainText('admin')
    // Setup happens once: the page now sends a signed-in admin away.
    await page.goto(`${server.url}/setup`)
    await expect(page).not.toHaveURL(/\/setup/)

    await page.getByRole('button', { name: /First Admin/ }).click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/login/)
    await page.goto(`${server.url}/workflows`)
    await expect(page).toHaveURL(/\/login/)
    const login = page.getByRole('form', { name: 'Sign in' })
    await login.getByLabel('Email').fill('first@relayflow.test')
    await login.getByLabel('Password').fill('not the password')
    await login.getByRole('button', { name: 'Sign in' }).click()
    await expect(login.getByRole('alert')).toBeVisible()
    await login.getByLabel('Password').fill('a long enough secret')
    await login.getByRole('button', { name: 'Sign in' }).click()
    await expect(page).toHaveURL(/\/workflows/)
    await expect(page.getByRole('button', { name: /First Admin/ })).toBeVisible()
  } finally {
    await context.close()
    await server?.stop()
    await database.remove()
  }
})

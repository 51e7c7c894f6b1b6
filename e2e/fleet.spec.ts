// The fleet page as an operator uses it: create a device token, start an agent with the command's
// token, see the device come online with its capabilities, drain it, then revoke it.
import { expect, test } from '@playwright/test'
import { createAgent, type Agent } from '@/agent/index'
import { uniqueName } from './fixtures'

test('a new device token brings an agent online; drain and revoke take effect on the page', async ({ page, baseURL }) => {
  test.setTimeout(60_000)
  const name = uniqueName('e2e device')
  const tag = `e2e-${Date.now().toString(36)}`
  await page.goto('/devices')
  await page.getByRole('button', { name: 'Create token' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create device token' })
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByLabel('Tags').fill(tag)
  await dialog.getByRole('button', { name: /create/i }).click()
  const commandLine = dialog.getByLabel('Agent command line')
  await expect(commandLine).toContainText('--token')
  const token = /--token\s+(\S+)/.exec((await commandLine.textContent()) ?? '')?.[1]
  expect(token).toBeTruthy()
  await dialog.getByRole('button', { name: 'Done' }).click()

  let agent: Agent | undefined
  try {
    agent = createAgent({ server: baseURL ?? '', token: token ?? '', name, tags: [tag] })
    await agent.start()
    const row = page.getByRole('row').filter({ hasText: name })
    await expect(row.locator('[data-status]')).toHaveText(/online/, { timeout: 15_000 })
    await expect(row).toContainText(tag)
    await expect(row).toContainText('echo')

    await row.getByRole('button', { name: 'Drain' }).click()
    await expect(row.getByRole('button', { name: 'Undrain' })).toBeVisible({ timeout: 10_000 })

    page.once('dialog', (confirm) => void confirm.accept())
    await row.getByRole('button', { name: 'Revoke' }).click()
    // Revoked devices leave the default list and are found under the "revoked" filter.
    await expect(row).toHaveCount(0, { timeout: 10_000 })
    await page.getByLabel('Filter by status').selectOption('revoked')
    await expect(row.locator('[data-status]')).toHaveText(/revoked/, { timeout: 10_000 })
  } finally {
    await agent?.stop()
  }
})

// Settings pages an admin uses (the suite's signed-in session): a secret is added and its value is
// never shown back, an API token is shown once, and the audit log lists both calls and narrows to
// one actor when its name is picked.
import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { uniqueName } from './fixtures'

test('a secret is added from the form, listed without its value, and the form starts empty again', async ({
  page,
}) => {
  const name = `E2E_${randomBytes(4).toString('hex').toUpperCase()}`
  const value = `value-${randomBytes(8).toString('hex')}`
  await page.goto('/settings/secrets')
  const form = page.getByRole('form', { name: 'New secret' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Value').fill(value)
  await form.getByLabel('Description').fill('added by the e2e suite')
  await form.getByRole('button', { name: 'Add secret' }).click()

  const row = page.getByRole('table', { name: 'Secrets' }).getByRole('row').filter({ hasText: name })
  await expect(row).toContainText('added by the e2e suite')
  await expect(form.getByLabel('Name')).toHaveValue('')
  await expect(form.getByLabel('Value')).toHaveValue('')
  await expect(page.getByText(value)).toHaveCount(0)
})

test('an API token is shown once, listed by name, and the form keeps its draft for a similar one', async ({
  page,
}) => {
  const name = uniqueName('e2e token')
  await page.goto('/settings/tokens')
  const form = page.getByRole('form', { name: 'New API token' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Expires in (days)').fill('7')
  await form.getByRole('button', { name: 'Create token' }).click()

  await expect(form.getByRole('status')).toContainText('Copy this token now; it will not be shown again.')
  await expect(
    page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: name }),
  ).toHaveCount(1)
  await expect(form.getByLabel('Name')).toHaveValue(name)

  await page.reload()
  await expect(
    page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: name }),
  ).toHaveCount(1)
  await expect(page.getByText('Copy this token now')).toHaveCount(0)
})

test('the audit log lists the calls and narrows to one actor when its name is picked', async ({ page }) => {
  const name = uniqueName('e2e audited token')
  const created = await page.request.post('/api/trpc/apiTokens.create', {
    data: { json: { name, role: 'viewer', expiresInDays: 1 } },
  })
  expect(created.ok(), await created.text()).toBe(true)

  await page.goto('/settings/audit')
  const events = page.getByRole('table', { name: 'Audit events' })
  const row = events.getByRole('row').filter({ hasText: 'apiTokens.create' }).filter({ hasText: name })
  await expect(row).toBeVisible()
  await row.getByRole('button', { name: /./ }).click()

  const actorId = page.getByRole('form', { name: 'Filter the audit log' }).getByLabel('Actor id')
  await expect(actorId).not.toHaveValue('')
  await expect(page.getByRole('button', { name: 'Newer' })).toBeDisabled()
  const whoColumn = events.locator('tbody tr td:nth-child(2)')
  await expect(row).toHaveCount(1)
  await expect.poll(async () => new Set(await whoColumn.allInnerTexts()).size).toBe(1)
})

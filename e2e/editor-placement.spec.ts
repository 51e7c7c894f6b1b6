// Placement in the editor as a person meets it: a step no device can run carries a warning on its
// node, the Run dialog shows why the run is refused, and the warning follows the fleet live as a
// device offering the action comes online, then goes offline.
import { expect, test, type Page } from '@playwright/test'
import { z } from 'zod'
import { createAgent, type Agent } from '@/agent/index'
import { openWorkflow, uniqueName } from './fixtures'
import { callProcedure } from './support/trpc'

test.use({ viewport: { width: 1600, height: 1000 } })

async function openDiskCheck(page: Page, tag: string) {
  await openWorkflow(page, {
    name: uniqueName('E2E placement'),
    steps: [
      {
        id: 'disk',
        type: 'command',
        name: 'Disk check',
        action: 'check.disk',
        target: { selector: { tags: [tag] } },
        position: { x: 0, y: 0 },
      },
    ],
  })
}

test('a step no device offers is flagged on its node and refused by Run', async ({ page }) => {
  const tag = `e2e-disk-${Date.now().toString(36)}`
  await openDiskCheck(page, tag)
  const warning = page.locator('[data-placement-warning]')
  await expect(warning).toHaveText(
    new RegExp(`^No device offers \`check\\.disk\` with tag \`${tag}\`; 0 of \\d+ online devices? match\\.$`),
  )

  await page.getByRole('button', { name: /Run…/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Run v1' })
  await dialog.getByRole('button', { name: 'Start run' }).click()
  const refusal = dialog.getByRole('alert')
  await expect(refusal).toContainText('The run did not start')
  await expect(refusal).toContainText(`No device offers \`check.disk\` with tag \`${tag}\``)
  await expect(page).toHaveURL(/\/workflows\//)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
})

// The page fetches the fleet around the time its socket joins the fleet room; the device may
// register in between (server/realtime/room-pulse.ts tells every newcomer once, so it is not missed).
test('the flag follows the fleet as a device offering the action comes online, then goes offline', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000)
  const tag = `e2e-disk-${Date.now().toString(36)}`
  await openDiskCheck(page, tag)
  const warning = page.locator('[data-placement-warning]')
  await expect(warning).toHaveText(
    new RegExp(`^No device offers \`check\\.disk\` with tag \`${tag}\`; 0 of \\d+ online devices? match\\.$`),
  )

  const device = await callProcedure<{ token: string }>(page.request, 'devices.createToken', {
    name: uniqueName('e2e disk device'),
    tags: [tag],
    serverUrl: baseURL,
  })
  let agent: Agent | undefined = createAgent({
    server: baseURL ?? '',
    token: device.token,
    tags: [tag],
  }).action('check.disk', z.object({}), () => Promise.resolve({ free: '42%' }))
  try {
    await agent.start()
    await expect(warning).toHaveCount(0, { timeout: 20_000 })
    await agent.stop()
    agent = undefined
    await expect(warning).toHaveText(
      new RegExp(
        `^No online device offers \`check\\.disk\` with tag \`${tag}\` \\(1 registered device matches but is offline or draining\\); 0 of \\d+ online devices? match\\.$`,
      ),
      { timeout: 20_000 },
    )
  } finally {
    await agent?.stop()
  }
})

// Templates through the API: built-ins are seeded once, instantiate into valid workflows,
// and wrong variable values are refused naming the variable.
import { TRPCError } from '@trpc/server'
import { eq, sql } from 'drizzle-orm'
import { templates } from '@/db/schema'
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { builtinTemplates } from '@/server/templates/builtin-templates'
import { seedBuiltinTemplates } from '@/server/templates/template-store'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'

const database = connectTestDatabase()
const { api, context } = createTestApi(database)
beforeAll(() => seedBuiltinTemplates(context))
afterAll(() => database.close())

describe('templates API', () => {
  it('built-in templates are seeded once, however often seeding runs', async () => {
    expect(await seedBuiltinTemplates(context)).toBe(0)
    const listed = await api.templates.list()
    for (const template of builtinTemplates) {
      expect(listed.filter((t) => t.name === template.name && t.isBuiltin)).toHaveLength(1)
    }
  })

  it('a built-in seeded by an earlier release is brought up to date, once', async () => {
    const builtin = builtinTemplates[0]!
    await database.db.execute(
      sql`UPDATE templates SET workflow = jsonb_set(workflow, '{description}', '"old release"') WHERE name = ${builtin.name}`,
    )
    expect(await seedBuiltinTemplates(context)).toBe(1)
    const [row] = await database.db.select().from(templates).where(eq(templates.name, builtin.name))
    expect(row?.workflow).toEqual(builtin.workflow)
    expect(await seedBuiltinTemplates(context)).toBe(0)
  })

  it('every built-in template instantiates with its defaults into a saved workflow', async () => {
    const listed = await api.templates.list()
    for (const template of listed.filter((t) => t.isBuiltin)) {
      const name = uniqueName(template.name)
      const saved = await api.templates.instantiate({ templateId: template.id, name, values: {} })
      const got = await api.workflows.get({ id: saved.workflowId })
      expect(got.definition.name).toBe(name)
      expect(JSON.stringify(got.definition)).not.toContain('[[')
    }
  })

  it('a value of the wrong type is refused naming the variable, and no workflow is created', async () => {
    const listed = await api.templates.list()
    const template = listed.find((t) => t.variables.some((v) => v.type === 'number' || v.type === 'integer'))
    expect(template).toBeDefined()
    const variable = template!.variables.find((v) => v.type === 'number' || v.type === 'integer')!
    const name = uniqueName('Wrong value')
    const error = await api.templates
      .instantiate({ templateId: template!.id, name, values: { [variable.name]: 'abc' } })
      .then(
        () => undefined,
        (e: unknown) => e as TRPCError & { cause?: { issues?: { path: (string | number)[] }[] } },
      )
    expect(error).toBeInstanceOf(TRPCError)
    expect(error!.code).toBe('BAD_REQUEST')
    expect(error!.cause?.issues?.map((i) => i.path.join('.'))).toContain(`variables.${variable.name}`)
    expect((await api.workflows.list({ search: name })).total).toBe(0)
  })

  it('a workflow saved as a template can be instantiated again', async () => {
    const source = await api.workflows.create({
      definition: {
        schemaVersion: 1,
        name: uniqueName('Source'),
        steps: [
          {
            id: 'hello',
            name: 'Hello',
            type: 'command',
            action: 'echo',
            params: { message: '[[ greeting ]]' },
          },
        ],
      },
    })
    const templateName = uniqueName('My template')
    const template = await api.templates.createFromWorkflow({
      workflowId: source.workflowId,
      name: templateName,
      variables: [{ name: 'greeting', type: 'string', default: 'hi', required: false }],
    })
    expect(template.isBuiltin).toBe(false)
    const saved = await api.templates.instantiate({
      templateId: template.id,
      name: uniqueName('From mine'),
      values: { greeting: 'good morning' },
    })
    const step = saved.definition.steps[0] as { params?: { message?: string } }
    expect(step.params?.message).toBe('good morning')
    const duplicate = await api.templates
      .createFromWorkflow({
        workflowId: source.workflowId,
        name: templateName.toUpperCase(),
        variables: [{ name: 'greeting', type: 'string', default: 'hi', required: false }],
      })
      .then(
        () => undefined,
        (e: unknown) => e as TRPCError,
      )
    expect(duplicate?.code).toBe('CONFLICT')
  })
})

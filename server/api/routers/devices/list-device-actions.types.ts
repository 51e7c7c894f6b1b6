import { z } from 'zod'

export const ZListDeviceActionsOutput = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      description: z.string().nullable(),
      onlineDevices: z.number().int(),
      registeredDevices: z.number().int(),
      paramsSchema: z.record(z.string(), z.unknown()).nullable(),
      schemasDiffer: z.boolean(),
      schemaFrom: z.enum(['online', 'offline']).nullable(),
    }),
  ),
})
export type TListDeviceActionsOutput = z.infer<typeof ZListDeviceActionsOutput>
export type TFleetAction = TListDeviceActionsOutput['items'][number]

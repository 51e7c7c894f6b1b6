import { z } from 'zod'
import { ZDefinitionInput, ZVersionMessage } from '../shared.types'

export const ZCreateWorkflowInput = z.object({ definition: ZDefinitionInput, message: ZVersionMessage })
export type TCreateWorkflowInput = z.infer<typeof ZCreateWorkflowInput>

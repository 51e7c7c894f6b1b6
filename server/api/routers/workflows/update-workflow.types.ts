import { z } from 'zod'
import { ZDefinitionInput, ZVersionMessage, ZVersionNumber, ZWorkflowId } from '../shared.types'

export const ZUpdateWorkflowInput = z.object({
  id: ZWorkflowId,
  definition: ZDefinitionInput,
  message: ZVersionMessage,
  /** The version the editor started from; saving over a newer version is refused. */
  expectedVersion: ZVersionNumber.optional(),
})

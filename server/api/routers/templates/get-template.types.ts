import { z } from 'zod'
import { ZTemplateId } from './template.types'

export const ZGetTemplateInput = z.object({ id: ZTemplateId })

import { resumeStep } from '@/server/runner/run-store'
import { publicProcedure } from '../../trpc'
import { ZResumeStepInput, ZResumeStepOutput } from './resume-step.types'

export const resumeStepProcedure = publicProcedure
  .input(ZResumeStepInput)
  .output(ZResumeStepOutput)
  .mutation(async ({ ctx, input }) => {
    await resumeStep(ctx, input)
    return { id: input.id, stepId: input.stepId }
  })

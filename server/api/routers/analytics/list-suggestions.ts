// Optimization suggestions derived from the window's runs, steps and devices.
import { readDb } from '@/server/platform/deps'
import { readSuggestions } from '@/server/analytics/suggestions-report'
import { publicProcedure } from '../../trpc'
import { windowFor } from './analytics.types'
import { ZListSuggestionsInput, ZListSuggestionsOutput } from './list-suggestions.types'

export const listSuggestionsProcedure = publicProcedure
  .input(ZListSuggestionsInput)
  .output(ZListSuggestionsOutput)
  .query(({ ctx, input }) => readSuggestions(readDb(ctx), windowFor(ctx.clock.now(), input)))

// Devices ranked by commands finished, with failure rates, duration percentiles and busy time.
import { readDb } from '@/server/platform/deps'
import { readDeviceLeaderboard } from '@/server/analytics/device-report'
import { publicProcedure } from '../../trpc'
import { windowFor } from './analytics.types'
import { ZGetDeviceLeaderboardInput, ZGetDeviceLeaderboardOutput } from './get-device-leaderboard.types'

export const getDeviceLeaderboardProcedure = publicProcedure
  .input(ZGetDeviceLeaderboardInput)
  .output(ZGetDeviceLeaderboardOutput)
  .query(({ ctx, input }) => readDeviceLeaderboard(readDb(ctx), windowFor(ctx.clock.now(), input)))

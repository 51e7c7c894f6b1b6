import { ZSecretNameInput, ZSecretRef } from './secret.types'

export const ZDeleteSecretInput = ZSecretNameInput
export const ZDeleteSecretOutput = ZSecretRef

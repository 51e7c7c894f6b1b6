// The actions every agent ships: echo, sleep, system.info, http.request; file.read with an allowed
// directory; shell.exec only with an allow-list.
import { eraseParamsType, type ActionDefinition } from './action-types'
import { echoAction, sleepAction, systemInfoAction } from './actions/basic-actions'
import { fileReadAction } from './actions/file-read'
import { httpRequestAction } from './actions/http-request'
import { shellExecAction } from './actions/shell-exec'

export function builtinActions(options: {
  allowShell?: readonly string[]
  fileRoot?: string
}): ActionDefinition[] {
  const actions: ActionDefinition[] = [
    eraseParamsType(echoAction),
    eraseParamsType(sleepAction),
    eraseParamsType(systemInfoAction),
    eraseParamsType(httpRequestAction),
  ]
  if (options.fileRoot) actions.push(eraseParamsType(fileReadAction(options.fileRoot)))
  if (options.allowShell && options.allowShell.length > 0)
    actions.push(eraseParamsType(shellExecAction(options.allowShell)))
  return actions
}

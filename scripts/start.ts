// `npm start`: build the web app if needed, then run the server.
import { ensureBuild } from './ensure-build'

ensureBuild()
await import('../server/main')

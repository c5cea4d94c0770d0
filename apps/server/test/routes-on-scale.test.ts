// A selection of the server's route and engine suites, run unchanged against PostgreSQL + Redis
// (every route the frame uses; suites that read SQLite itself through `store.db` are left out).
// The whole suite runs the same way with `CHATKIT_TEST_BACKEND=scale pnpm exec vitest run packages/server`.
import { runOnPostgresAndRedis } from './scale-backend.js'
import '../../../packages/server/src/routes/conversations.test.js'
import '../../../packages/server/src/routes/runs.test.js'
import '../../../packages/server/src/routes/files.test.js'
import '../../../packages/server/src/routes/run-errors.test.js'
import '../../../packages/server/src/engine/follow-ups.test.js'
import '../../../packages/server/src/compat/langgraph-sdk.test.js'

runOnPostgresAndRedis()

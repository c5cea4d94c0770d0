export {}
// vitest setup file: `CHATKIT_TEST_BACKEND=scale` runs every test server of every suite on real
// PostgreSQL + Redis (started per test file) instead of SQLite. Unset: nothing is loaded.
if (process.env.CHATKIT_TEST_BACKEND === 'scale') {
  const { runOnPostgresAndRedis } = await import('./scale-backend.js')
  runOnPostgresAndRedis()
} else if (process.env.CHATKIT_TEST_BACKEND) {
  throw new Error(`CHATKIT_TEST_BACKEND: "${process.env.CHATKIT_TEST_BACKEND}" is not a backend; use "scale" or leave it unset`)
}

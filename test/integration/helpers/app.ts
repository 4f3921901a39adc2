/**
 * The app under test for one describe block: a fresh test database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL) and the built server on it, started before the
 * block's tests and stopped (SIGKILL) and dropped after them. `app.server` may be
 * replaced by a test that restarts the server; the one there at the end is stopped.
 */
import { afterAll, beforeAll } from "vitest";
import { startServer, type RunningServer } from "./server";
import { createTestDatabase, type TestDatabase } from "./test-db";

export interface AppUnderTest {
  tdb: TestDatabase;
  server: RunningServer;
}

export function withAppServer(env: Record<string, string | undefined>): AppUnderTest {
  const app = {} as AppUnderTest;
  beforeAll(async () => {
    app.tdb = await createTestDatabase();
    app.server = await startServer({ ...app.tdb.env, ...env });
  });
  afterAll(async () => {
    await app.server?.stop("SIGKILL");
    await app.tdb?.drop();
  });
  return app;
}

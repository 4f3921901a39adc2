import { getLogger } from "@/lib/log";
import { getDb } from "./client";

export interface Health {
  status: "ok" | "error";
  db: "ok" | "unavailable";
}

/** Asks the database a trivial question, giving up after `timeoutMs`. */
export async function checkHealth({ timeoutMs = 2_000 }: { timeoutMs?: number } = {}): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const db = await getDb();
    await Promise.race([
      db.sql.query("SELECT 1"),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: "ok", db: "ok" };
  } catch (err) {
    getLogger().error({ err }, "health check: database unavailable");
    return { status: "error", db: "unavailable" };
  } finally {
    clearTimeout(timer);
  }
}

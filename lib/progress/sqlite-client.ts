import { createClient, type Client, type Config } from "@libsql/client";

/**
 * Settings every SQLite connection of the app needs, and libSQL's client forgets: it hands a transaction its current
 * connection and opens a new one for what follows, with SQLite's defaults.
 * - busy_timeout: several app processes share the file (server.ts forks one per core); without it a writer that
 *   meets another's lock fails at once with SQLITE_BUSY instead of waiting its turn.
 * - synchronous = NORMAL: under WAL (scripts/db.mjs deploy sets it) a commit stops waiting for the disk; a crash of
 *   the app still loses nothing acknowledged (tests/integration/crash-safety.test.ts), a power cut may lose the last
 *   writes.
 */
export const SQLITE_TUNING = ["PRAGMA busy_timeout = 10000", "PRAGMA synchronous = NORMAL"];

/** A libSQL client whose every connection is tuned before its first statement. */
export function tunedSqliteClient(config: Config): Client {
  const client = createClient(config);
  let fresh = true;
  // libSQL runs a statement synchronously inside execute(), so the tuning is in place before any later call runs.
  const tune = () => {
    if (!fresh) return;
    fresh = false;
    for (const pragma of SQLITE_TUNING) client.execute(pragma).catch((error) => console.error(`SQLite: ${pragma} failed`, error));
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === "transaction") {
        // IMMEDIATE takes the write lock at BEGIN, waiting for it under busy_timeout; a DEFERRED transaction that
        // reads first fails outright when another process wrote meanwhile.
        return async (mode?: string) => {
          tune();
          const transaction = await target.transaction(mode === "deferred" || mode === undefined ? "write" : (mode as "write"));
          fresh = true; // the client opens a new connection for the next statement
          return transaction;
        };
      }
      if (property === "execute" || property === "batch" || property === "executeMultiple") {
        return (...args: unknown[]) => {
          tune();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

import Database from "libsql";
import { Prisma } from "@/prisma/generated/sqlite";
import { SQLITE_TUNING } from "./sqlite-client";

/** A statement's count the caller's `accept` refused: the transaction rolls back (SqlConnection.writeAll). */
export class Refused extends Error {}

type Statement = Database.Statement<unknown[]>;

/**
 * Distinct statement texts kept prepared: the app runs a few dozen fixed statements, and a store write's INSERT has
 * one text per number of documents it carries (sandbox-store.ts); past this the cache starts over.
 */
const STATEMENTS_KEPT = 200;
/** Longer texts (a write of hundreds of documents at once: rare, and large once prepared) are prepared each time. */
const LONGEST_KEPT = 4_096;

/** Statements on one SQLite connection, each prepared once and run synchronously. */
export interface PreparedSqlite {
  rows<T>(query: Prisma.Sql): T[];
  run(query: Prisma.Sql): number;
  /** The statements in one IMMEDIATE transaction, all or nothing; answers the rows each changed (SqlConnection.writeAll). */
  writeAll(statements: Prisma.Sql[], accept?: (changed: number, index: number) => boolean): number[] | null;
}

/**
 * The app's hot statements on SQLite, straight on libSQL's better-sqlite3-style binding (the engine under
 * @libsql/client and Prisma's libSQL adapter): every AWS call runs two (the sandbox store's, the call history's), and
 * through the adapter each one was prepared anew, its columns described, its arguments and rows converted and its
 * turn taken behind the adapter's lock — a quarter of the server's CPU per call (npm run bench -- sandbox, and
 * bench/sandbox/profile.ts). A prepared statement is kept and run on a connection of the process's own, tuned like
 * every other (sqlite-client.ts).
 */
export function preparedSqlite(url: string): PreparedSqlite {
  const db = new Database(filePath(url));
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    if (sql.length > LONGEST_KEPT) return db.prepare(sql);
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= STATEMENTS_KEPT) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const run = (query: Prisma.Sql): number => {
    const statement = prepared(query.sql);
    return statement.reader ? statement.all(...query.values).length : statement.run(...query.values).changes;
  };
  // IMMEDIATE takes the write lock at BEGIN, waiting for it under busy_timeout (sqlite-client.ts); a throw rolls back.
  for (const pragma of SQLITE_TUNING) run(Prisma.sql([pragma]));
  const immediate = db.transaction((queries: Prisma.Sql[], accept?: (changed: number, index: number) => boolean) =>
    queries.map((query, index) => {
      const changed = run(query);
      if (accept && !accept(changed, index)) throw new Refused();
      return changed;
    }),
  ).immediate;
  return {
    rows: <T>(query: Prisma.Sql) => prepared(query.sql).all(...query.values) as T[],
    run,
    writeAll(queries, accept) {
      try {
        return immediate(queries, accept);
      } catch (error) {
        if (error instanceof Refused) return null;
        throw error;
      }
    },
  };
}

/** The file a `file:` URL names, as @libsql/client reads it: `file:/abs`, `file:///abs`, `file:rel`, any query left out. */
function filePath(url: string): string {
  const match = /^file:(?:\/\/(?:localhost)?(?=\/))?([^?#]*)/.exec(url);
  if (!match || match[1] === "") throw new Error(`not a SQLite file URL: ${url}`);
  return match[1];
}

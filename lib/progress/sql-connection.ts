import type { ArgType, SqlQueryable, Transaction } from "@prisma/driver-adapter-utils";
import { Prisma } from "@/prisma/generated/sqlite";
import { adapterFactory, databaseUrl, isPostgres } from "./database-url";
import { preparedSqlite, Refused } from "./sqlite-statements";

type Sql = Prisma.Sql;
const sql = Prisma.sql;
/** Runs statements written with `Prisma.sql` (so every value is a bound parameter, never SQL text). */
export interface SqlStatements {
  /** The rows by column name, typed by the caller after the columns it selected. */
  rows<T extends object>(query: Sql): Promise<T[]>;
  /** Answers the number of rows changed. */
  run(query: Sql): Promise<number>;
}

/**
 * Values whose column type differs between the two schemas, written as the ORM writes them, so its reads (and an
 * older version of the app) see no difference: SQLite keeps timestamps as ISO 8601 text with "+00:00", booleans as
 * 0/1 and JSON as text; PostgreSQL has timestamp(3), boolean and jsonb, and types a bare parameter as text.
 */
export interface SqlValues {
  timestamp(at: Date): Sql;
  boolean(value: boolean): Sql;
  json(text: string): Sql;
}

export interface SqlConnection extends SqlStatements {
  /** Which dialect the values are written in (sqlValues). */
  postgres: boolean;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  inTransaction<T>(work: (tx: SqlStatements) => Promise<T>): Promise<T>;
  /**
   * Runs the statements as one transaction, all or nothing; answers the rows each changed, or null when `accept`
   * refused a statement's count (then the transaction is rolled back and nothing is written). On SQLite they run in one
   * synchronous call: libSQL runs each statement on the event loop's thread and a writer of another process that meets
   * the lock waits there (busy_timeout), so a transaction must never stay open across an await — under load that held
   * the lock for seconds and stalled every other process (npm run bench -- load at 1,000 learners: 10 s timeouts).
   */
  writeAll(statements: Sql[], accept?: (changed: number, index: number) => boolean): Promise<number[] | null>;
}

const globalForSql = globalThis as unknown as { ecsDojoRawSql?: Promise<SqlConnection> };

/**
 * A connection for hot, fixed statements, without the ORM: the sandbox store runs the same few statements on nearly
 * every AWS call and lesson progress is read on every page and Check; the ORM plans each query anew, which cost 4–5
 * times what the database itself took (4.4 ms against 0.3 ms for a lesson's progress). On SQLite the statements are
 * prepared once on a connection of their own (sqlite-statements.ts); on PostgreSQL they go through Prisma's driver
 * adapter. Transactions across awaits (inTransaction) use the adapter on both.
 */
export function rawSql(): Promise<SqlConnection> {
  globalForSql.ecsDojoRawSql ??= connect(databaseUrl());
  return globalForSql.ecsDojoRawSql;
}

async function connect(url: string): Promise<SqlConnection> {
  const postgres = isPostgres(url);
  const adapter = await adapterFactory(url).connect();
  const on = (queryable: SqlQueryable): SqlStatements => ({
    rows: async <T>(query: Sql) => {
      const result = await queryable.queryRaw(render(query, postgres));
      return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])) as T);
    },
    run: (query) => queryable.executeRaw(render(query, postgres)),
  });
  const inTransaction: SqlConnection["inTransaction"] = async (work) => {
    const tx = await adapter.startTransaction();
    try {
      const result = await work(on(tx));
      await finish(tx, "COMMIT");
      return result;
    } catch (error) {
      await finish(tx, "ROLLBACK");
      throw error;
    }
  };
  if (!postgres) {
    const sqlite = preparedSqlite(url);
    return {
      rows: async (query) => sqlite.rows(query),
      run: async (query) => sqlite.run(query),
      postgres,
      inTransaction,
      writeAll: async (statements, accept) => sqlite.writeAll(statements, accept),
    };
  }
  return {
    ...on(adapter),
    postgres,
    inTransaction,
    writeAll: (statements, accept) =>
      inTransaction(async (tx) => {
        const changed: number[] = [];
        for (const statement of statements) {
          changed.push(await tx.run(statement));
          if (accept && !accept(changed[changed.length - 1], changed.length - 1)) throw new Refused();
        }
        return changed;
      }).catch((error: unknown) => (error instanceof Refused ? null : Promise.reject(error))),
  };
}


/**
 * The values for a connection's dialect, built with this module's own `Prisma.sql`. Not a member of the shared
 * connection: Next.js bundles its own copy of these modules beside the one server.ts loads, both reach the one
 * connection through globalThis, and a fragment made by one copy's `Prisma.sql` is not recognised as SQL by the
 * other's — it went to libSQL as an object and crashed the process ("unsupported type").
 */
export function sqlValues(connection: SqlConnection): SqlValues {
  return connection.postgres ? POSTGRES_VALUES : SQLITE_VALUES;
}

const SQLITE_VALUES: SqlValues = {
  timestamp: (at) => sql`${at.toISOString().replace("Z", "+00:00")}`,
  boolean: (value) => sql`${value ? 1 : 0}`,
  json: (text) => sql`${text}`,
};

const POSTGRES_VALUES: SqlValues = {
  timestamp: (at) => sql`CAST(${at.toISOString()} AS TIMESTAMP(3))`,
  boolean: (value) => sql`CAST(${String(value)} AS BOOLEAN)`,
  json: (text) => sql`CAST(${text} AS JSONB)`,
};

/** Adapters that leave BEGIN to the caller (usePhantomQuery false) also leave it COMMIT and ROLLBACK. */
async function finish(tx: Transaction, end: "COMMIT" | "ROLLBACK"): Promise<void> {
  if (!tx.options.usePhantomQuery) await tx.executeRaw(statement(end, []));
  await (end === "COMMIT" ? tx.commit() : tx.rollback());
}

function render(query: Sql, postgres: boolean) {
  return statement(postgres ? query.text : query.sql, query.values);
}

function statement(sql: string, args: unknown[]) {
  return { sql, args, argTypes: args.map(argType) };
}

function argType(value: unknown): ArgType {
  const scalarType = typeof value === "string" ? "string" : Number.isInteger(value) ? "int" : "unknown";
  return { scalarType, arity: "scalar" };
}


import { afterAll } from "vitest";
import { startPostgres, type PostgresServer } from "../support/postgres";
import { terminalStoreSuite } from "./support/terminal-store-suite";

let pg: PostgresServer | undefined;
afterAll(() => pg?.stop());

terminalStoreSuite("PostgreSQL", () => {
  pg = startPostgres(55_000 + Math.floor(Math.random() * 5000));
  pg.createDatabase("terminal");
  return pg.url("terminal");
});

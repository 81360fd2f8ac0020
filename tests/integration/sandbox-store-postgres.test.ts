import { afterAll } from "vitest";
import { startPostgres, type PostgresServer } from "../support/postgres";
import { sandboxStoreSuite } from "./support/sandbox-store-suite";

let pg: PostgresServer | undefined;
afterAll(() => pg?.stop());

sandboxStoreSuite("PostgreSQL", () => {
  pg = startPostgres(55_000 + Math.floor(Math.random() * 5000));
  pg.createDatabase("store");
  return pg.url("store");
});

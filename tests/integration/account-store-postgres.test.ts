import { afterAll } from "vitest";
import { startPostgres, type PostgresServer } from "../support/postgres";
import { accountStoreSuite } from "./support/account-store-suite";

let pg: PostgresServer | undefined;
afterAll(() => pg?.stop());

accountStoreSuite("PostgreSQL", () => {
  pg = startPostgres(55_000 + Math.floor(Math.random() * 5000));
  pg.createDatabase("accounts");
  return pg.url("accounts");
});

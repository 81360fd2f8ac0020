import { afterAll } from "vitest";
import { startPostgres, type PostgresServer } from "../support/postgres";
import { examStoreSuite } from "./support/exam-store-suite";

let pg: PostgresServer | undefined;
afterAll(() => pg?.stop());

examStoreSuite("PostgreSQL", () => {
  pg = startPostgres(55_000 + Math.floor(Math.random() * 5000));
  pg.createDatabase("exam");
  return pg.url("exam");
});

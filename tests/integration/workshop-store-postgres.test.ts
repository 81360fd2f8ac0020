import pg from "pg";
import { afterAll } from "vitest";
import { startPostgres, type PostgresServer } from "../support/postgres";
import { workshopStoreSuite } from "./support/workshop-store-suite";

let server: PostgresServer | undefined;
let url = "";
afterAll(() => server?.stop());

workshopStoreSuite(
  "PostgreSQL",
  () => {
    server = startPostgres(55_000 + Math.floor(Math.random() * 5000));
    server.createDatabase("workshops");
    url = server.url("workshops");
    return url;
  },
  {
    // A plain LISTEN connection, as a second app instance's bus has.
    otherListener: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const received: string[] = [];
      client.on("notification", (n) => received.push(n.payload ?? ""));
      await client.query("LISTEN dojo_workshop");
      return { received, close: () => client.end() };
    },
  },
);

import { databaseUrl, isPostgres } from "@/lib/progress/database-url";
import { processTransport, publish, subscribe, chooseTransport, WORKSHOP_CHANNEL, parseEvent, REVOKED_KEYS_TOPIC, type EventTransport, type WorkshopEvent, type WorkshopEventKind } from "./events";

/**
 * The event bus wired to the database in use (events.ts says why each): LISTEN/NOTIFY on PostgreSQL, the process
 * (and process-cluster) channel on SQLite.
 */
function postgresTransport(url: string): EventTransport {
  let sender: import("pg").Client | null = null;
  return {
    async start(deliver) {
      const { default: pg } = await import("pg");
      // A dropped LISTEN connection would silently stop the grid: reconnect, and tell every stream to re-read.
      const connect = async (): Promise<void> => {
        const client = new pg.Client({ connectionString: url });
        client.on("notification", (n) => {
          const event = n.payload ? parseEvent(n.payload) : null;
          if (event) deliver(event);
        });
        client.on("error", () => {
          client.end().catch(() => {});
          setTimeout(() => connect().catch(() => {}), 1000).unref();
        });
        await client.connect();
        await client.query(`LISTEN ${WORKSHOP_CHANNEL}`);
      };
      await connect();
      sender = new pg.Client({ connectionString: url });
      sender.on("error", () => {
        sender = null;
      });
      await sender.connect();
    },
    async publish(event) {
      if (!sender) {
        const { default: pg } = await import("pg");
        sender = new pg.Client({ connectionString: url });
        await sender.connect();
      }
      await sender.query("SELECT pg_notify($1, $2)", [WORKSHOP_CHANNEL, JSON.stringify(event)]);
    },
  };
}

function ready(): Promise<void> {
  const url = databaseUrl();
  return chooseTransport(() => (isPostgres(url) ? postgresTransport(url) : processTransport()));
}

/** Tells every process that `workshopId` changed; `learnerId` when the change is one participant's (their rows alone are re-read). */
export async function announce(workshopId: string, kind: WorkshopEventKind, { at = Date.now(), learnerId }: { at?: number; learnerId?: string } = {}): Promise<void> {
  await ready();
  await publish({ workshopId, kind, at, ...(learnerId ? { learnerId } : {}) });
}

/** Listens to a workshop once the bus is connected (so nothing published after this resolves is missed). */
export async function listen(workshopId: string, listener: (event: WorkshopEvent) => void): Promise<() => void> {
  await ready();
  return subscribe(workshopId, listener);
}

/** Tells every process that a deleted learner's access key is no longer valid (events.ts REVOKED_KEYS_TOPIC). */
export async function announceRevokedKey(accessKeyId: string, at = Date.now()): Promise<void> {
  await ready();
  await publish({ workshopId: REVOKED_KEYS_TOPIC, kind: "revoked-key", at, accessKeyId });
}

export async function listenRevokedKeys(listener: (accessKeyId: string) => void): Promise<() => void> {
  await ready();
  return subscribe(REVOKED_KEYS_TOPIC, (event) => {
    if (event.accessKeyId) listener(event.accessKeyId);
  });
}

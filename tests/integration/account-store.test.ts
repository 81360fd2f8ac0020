import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { accountStoreSuite } from "./support/account-store-suite";

accountStoreSuite("SQLite", () => `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-accounts-")), "dojo.db")}`);

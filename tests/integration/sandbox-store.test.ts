import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sandboxStoreSuite } from "./support/sandbox-store-suite";

sandboxStoreSuite("SQLite", () => `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-store-")), "dojo.db")}`);

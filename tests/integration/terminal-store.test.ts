import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { terminalStoreSuite } from "./support/terminal-store-suite";

terminalStoreSuite("SQLite", () => `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-terminal-store-")), "dojo.db")}`);

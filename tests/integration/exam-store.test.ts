import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { examStoreSuite } from "./support/exam-store-suite";

examStoreSuite("SQLite", () => `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-exam-store-")), "dojo.db")}`);

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { workshopStoreSuite } from "./support/workshop-store-suite";

workshopStoreSuite("SQLite", () => `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-workshops-")), "dojo.db")}`);

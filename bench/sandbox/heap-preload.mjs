// Loaded into the server by memory.ts (NODE_OPTIONS=--import): on SIGUSR2, a full garbage collection, then the heap
// still in use and the RSS written to HEAP_DIR/<pid>.json — what the sandbox cache really holds, without the garbage
// that building the sandboxes left (RSS alone tracks that too). gc is reached through V8's flag, not --expose-gc on
// the command line, so that the server starts as npm start starts it.
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
process.on("SIGUSR2", () => {
  gc();
  const sample = { heapUsedBytes: process.memoryUsage().heapUsed, rssBytes: process.memoryUsage.rss(), heapSizeBytes: v8.getHeapStatistics().total_heap_size };
  fs.writeFileSync(path.join(process.env.HEAP_DIR, `${process.pid}.json`), JSON.stringify(sample));
});

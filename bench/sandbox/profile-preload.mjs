// Loaded into the server by profile.ts (NODE_OPTIONS=--import): the V8 CPU profiler, started on SIGUSR2 and stopped
// on SIGWINCH, the profile written to PROFILE_DIR. Signals rather than --cpu-prof, which writes only at a clean exit.
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const session = new inspector.Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 200 });
process.on("SIGUSR2", () => session.post("Profiler.start"));
process.on("SIGWINCH", () =>
  session.post("Profiler.stop", (error, result) => {
    if (!error) fs.writeFileSync(path.join(process.env.PROFILE_DIR, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  }),
);

import { startApp } from "../support/app-server";

/** One app server with a fresh database for the browser tests; its URL reaches the tests through the env. */
export default async function globalSetup() {
  const app = await startApp();
  process.env.E2E_BASE_URL = app.url;
  return async () => app.stop();
}

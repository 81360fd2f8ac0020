import { startApp } from "../support/app-server";

/** One app server with a fresh database for the browser tests; its URL reaches the tests through the env. */
export default async function globalSetup() {
  const app = await startApp({ logFile: process.env.E2E_SERVER_LOG });
  process.env.E2E_BASE_URL = app.url;
  // Specs that must prove what is stored read the app's database directly: accounts.spec.ts counts a deleted learner's
  // rows, exam-review.spec.ts moves a learner's review cards back in time instead of waiting.
  process.env.E2E_DATABASE_URL = app.databaseUrl;
  return async () => app.stop();
}

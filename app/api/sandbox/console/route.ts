import { NextResponse } from "next/server";
import { consoleSnapshot } from "@/lib/sandbox/console";
import { consoleReader } from "@/app/_server/sandbox";
import { awsErrorResponse } from "@/app/_server/sandbox-errors";
import { sandboxRequest } from "@/app/_server/sandbox-request";

const EMPTY_CONSOLE = { clusters: [], cluster: null, services: [], tasks: [] };

/** The sandbox console's snapshot: clusters, and for the chosen one its services and tasks. */
export async function GET(request: Request) {
  const { learner } = await sandboxRequest(request);
  if (!learner) return NextResponse.json(EMPTY_CONSOLE);
  try {
    return NextResponse.json(await consoleSnapshot(await consoleReader(learner), new URL(request.url).searchParams.get("cluster")));
  } catch (err) {
    return awsErrorResponse(err, "DescribeClusters");
  }
}

import { NextResponse } from "next/server";
import { ActionInputError, runAction } from "@/lib/course/actions";
import { taskView } from "@/lib/sandbox-view";
import { problem } from "@/app/_server/http";
import { textField } from "@/app/_server/lesson-request";
import { lessonRequest } from "@/app/_server/lesson-request";
import { sandboxClient } from "@/app/_server/sandbox";
import { awsErrorResponse } from "@/app/_server/sandbox-errors";

const TEXT = {
  en: {
    notJson: "The editor text is not valid JSON yet; fix the errors marked in the editor, then try again.",
    noAction: "This lesson has no such sandbox action.",
  },
  ja: {
    notJson: "エディタの内容がまだ正しい JSON ではありません。エディタで示されたエラーを直してから、もう一度お試しください。",
    noAction: "このレッスンにはその操作がありません。",
  },
};

/** Runs one of the lesson's page actions (`{action: index, text}`) in the learner's sandbox, as their own calls. */
export async function POST(request: Request, ctx: RouteContext<"/api/lessons/[lessonId]/run">) {
  const parsed = await lessonRequest(request, (await ctx.params).lessonId);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, lesson, body } = parsed.ok;
  const index = typeof body.action === "number" ? body.action : 0;
  const action = lesson.actions[index];
  if (!action) return problem(400, TEXT[locale].noAction);
  const text = textField(body, "text", locale);
  if ("response" in text) return text.response;
  const step = { current: "" };
  try {
    const result = await runAction(sandboxClient(learner, { acting: true }), action, text.value, step);
    return NextResponse.json({ task: result.task ? taskView(result.task) : null, taskDefinitionArn: result.taskDefinitionArn ?? null });
  } catch (err) {
    if (err instanceof ActionInputError) return problem(400, TEXT[locale].notJson);
    if (err instanceof Error && err.name === "RunTaskFailure") return problem(400, err.message);
    return awsErrorResponse(err, step.current);
  }
}

import { NextResponse } from "next/server";
import { ActionInputError, ParamValidationError, runAction } from "@/lib/course/actions";
import { pageRunStartedBy } from "@/lib/course/page-runs";
import { saveLessonRun, lessonProgress } from "@/lib/progress/lesson-progress";
import { taskView } from "@/lib/sandbox-view";
import { problem } from "@/app/_server/http";
import { textField } from "@/app/_server/lesson-request";
import { lessonRequest } from "@/app/_server/lesson-request";
import { learnerClock, sandboxClient } from "@/app/_server/sandbox";
import { awsErrorResponse } from "@/app/_server/sandbox-errors";

const TEXT = {
  en: {
    notJson: "The editor text is not valid JSON yet; fix the errors marked in the editor, then try again.",
    noAction: "This lesson has no such sandbox action.",
    cliChecked: "Checked before sending, as the AWS CLI does: nothing reached ECS.",
  },
  ja: {
    notJson: "エディタの内容がまだ正しい JSON ではありません。エディタで示されたエラーを直してから、もう一度お試しください。",
    noAction: "このレッスンにはその操作がありません。",
    cliChecked: "AWS CLI と同じく、送信前のチェックで止まりました。ECS には何も届いていません。",
  },
};

/**
 * Runs one of the lesson's page actions (`{action: index, text, keepPrevious}`) in the learner's sandbox, as their own
 * calls: an unchanged file runs the revision its last Run registered, and the task replaces the previous Run's unless
 * `keepPrevious`. What it did is remembered, so the run panel shows the same task after a reload.
 */
export async function POST(request: Request, ctx: RouteContext<"/api/lessons/[lessonId]/run">) {
  const parsed = await lessonRequest(request, (await ctx.params).lessonId);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, lesson, body } = parsed.ok;
  const index = typeof body.action === "number" ? body.action : 0;
  const action = lesson.actions[index];
  if (!action) return problem(400, TEXT[locale].noAction);
  const text = textField(body, "text", locale);
  if ("response" in text) return text.response;
  const previous = (await lessonProgress(learner.id, lesson.id)).runs[index];
  const step = { current: "" };
  try {
    const result = await runAction(sandboxClient(learner, { acting: true }), action, text.value, step, {
      startedBy: pageRunStartedBy(lesson.id, index),
      keepPrevious: body.keepPrevious === true,
      previous: previous?.cluster === action.cluster ? previous : undefined,
    });
    if (result.taskDefinitionArn) {
      await saveLessonRun(learner.id, lesson.id, index, {
        cluster: action.cluster,
        fileHash: result.fileHash,
        taskDefinitionArn: result.taskDefinitionArn,
        taskArn: result.task?.taskArn,
      });
    }
    return NextResponse.json({
      task: result.task ? taskView(result.task) : null,
      taskDefinitionArn: result.taskDefinitionArn ?? null,
      reused: result.reused,
      replaced: result.replaced,
      clock: await learnerClock(learner),
    });
  } catch (err) {
    if (err instanceof ActionInputError) return problem(400, TEXT[locale].notJson);
    if (err instanceof ParamValidationError) return NextResponse.json({ error: { message: err.message, note: TEXT[locale].cliChecked } }, { status: 400 });
    if (err instanceof Error && err.name === "RunTaskFailure") return problem(400, err.message);
    return awsErrorResponse(err, step.current);
  }
}

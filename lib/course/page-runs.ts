/** How the lesson page's Run marks its tasks: RunTask's startedBy, what describe-tasks shows the learner. */
export function pageRunStartedBy(lessonId: string, actionIndex: number): string {
  return actionIndex === 0 ? `ecs-dojo/${lessonId}` : `ecs-dojo/${lessonId}/${actionIndex}`;
}

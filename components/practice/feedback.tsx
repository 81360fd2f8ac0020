import type { ExamUiText } from "@/lib/i18n/exam-ui";
import type { FeedbackView, QuestionView } from "@/lib/exam/views";

const letters = (ids: string[]) => ids.map((id) => id.toUpperCase()).join(", ");

/**
 * After an answer: whether it was right, then every option with why it is right or wrong (the learner's choice and
 * the answer marked in words, not colour alone), the lesson sections that teach it, the "try it" exercise and the
 * sources. The same in practice mode and in a timed set's review.
 */
export function Feedback({ question, feedback, choice, t }: { question: QuestionView; feedback: FeedbackView; choice: string[] | null; t: ExamUiText }) {
  const right = choice !== null && choice.length === feedback.answer.length && feedback.answer.every((a) => choice.includes(a));
  return (
    <div className="feedback" data-testid="feedback" data-correct={String(right)}>
      <p className={right ? "banner success" : "banner error"} role="status">
        {choice === null ? t.unanswered : right ? t.correct : t.incorrect} {t.answerIs(letters(feedback.answer))}
      </p>
      <p className="why-heading">{t.whyOptions}</p>
      <ul className="explanations">
        {feedback.explanations.map((e) => {
          const option = question.options.find((o) => o.id === e.id);
          const chosen = choice?.includes(e.id) ?? false;
          return (
            <li key={e.id} className={e.correct ? "right" : chosen ? "chosen-wrong" : undefined} data-option={e.id}>
              <p className="option-line">
                <strong>{e.id.toUpperCase()}.</strong> {option?.text}
                {e.correct && <span className="tag tag-right">{t.rightAnswer}</span>}
                {chosen && <span className="tag tag-yours">{t.yourAnswer}</span>}
              </p>
              <p className="why">{e.text}</p>
            </li>
          );
        })}
      </ul>
      <p className="learn">
        <span>{t.learnIt}: </span>
        {feedback.sections.map((s, i) => (
          <span key={s.href}>
            {i > 0 && " · "}
            <a href={s.href} data-testid="section-link">
              {s.label}
            </a>
          </span>
        ))}
      </p>
      {feedback.tryIt && (
        <p className="try-it">
          <span>{t.tryIt}: </span>
          <a href={feedback.tryIt.href} data-testid="try-it">
            {feedback.tryIt.label}
          </a>
        </p>
      )}
      <p className="sources">
        <span>{t.citation}: </span>
        {feedback.sources.map((s, i) => (
          <span key={s.label}>
            {i > 0 && " · "}
            {s.href ? (
              <a href={s.href} rel="noreferrer">
                {s.label}
              </a>
            ) : (
              <cite>{s.label}</cite>
            )}
          </span>
        ))}
      </p>
    </div>
  );
}

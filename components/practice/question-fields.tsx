"use client";
import type { QuestionView } from "@/lib/exam/views";

/**
 * A question's stem and options as a form group: radio buttons for one answer, checkboxes for "Choose two.". The
 * stem is the group's legend, so a screen reader announces it with each option. Controlled: the caller keeps the choice.
 */
export function QuestionFields({
  question,
  choice,
  onChange,
  disabled = false,
  name,
}: {
  question: QuestionView;
  choice: string[];
  onChange: (choice: string[]) => void;
  disabled?: boolean;
  /** Input name, unique on the page. */
  name: string;
}) {
  const toggle = (id: string, checked: boolean) => {
    if (!question.multiple) onChange([id]);
    else onChange(checked ? [...choice.filter((c) => c !== id), id].sort() : choice.filter((c) => c !== id));
  };
  return (
    <fieldset className="question" data-question-id={question.id} disabled={disabled}>
      <legend className="question-stem">
        {question.stem}
        {question.instruction && <strong className="choose"> {question.instruction}</strong>}
      </legend>
      <ul className="options">
        {question.options.map((option) => (
          <li key={option.id}>
            <label>
              <input
                type={question.multiple ? "checkbox" : "radio"}
                name={name}
                value={option.id}
                checked={choice.includes(option.id)}
                onChange={(e) => toggle(option.id, e.target.checked)}
              />
              <span className="letter">{option.id.toUpperCase()}.</span> <span>{option.text}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** The question bank of this process: read and checked once (the files only change with a deploy), as loadCourse does. */
import { loadCourse } from "@/lib/course/load";
import { readQuestionBank, type QuestionBank } from "./load";

let cache: QuestionBank | undefined;

export function loadQuestionBank(): QuestionBank {
  cache ??= readQuestionBank(loadCourse());
  return cache;
}

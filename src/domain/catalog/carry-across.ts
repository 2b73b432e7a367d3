/**
 * Answers given under one framework, read as answers to another where the codes map: the same
 * question key asking for the same kind of answer (a version of a framework keeps most of its
 * codes). What does not map is left out, never guessed. Pure.
 */
import type { AnswerMap, RecordedAnswer } from '../evaluation/evaluate.js';
import { listQuestions } from './load.js';
import type { Framework } from './types.js';

export function answersAcross(from: Framework, to: Framework, answers: AnswerMap): AnswerMap {
  const kinds = new Map(listQuestions(from).map((q) => [q.key, q.kind]));
  const mapped = new Map<string, RecordedAnswer>();
  for (const q of listQuestions(to)) {
    const a = answers.get(q.key);
    if (a !== undefined && kinds.get(q.key) === q.kind) mapped.set(q.key, a);
  }
  return mapped;
}

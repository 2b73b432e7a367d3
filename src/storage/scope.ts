/** Whose answers: one unit under one framework. */
export interface AnswerScope {
  unitId: number;
  frameworkId: string;
}

/** Who wrote, for the answer row and its history. */
export interface Author {
  /** Null for an operator's import. */
  officerId: number | null;
  channel: string;
}

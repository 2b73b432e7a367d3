/**
 * A khó khăn and a đề xuất in one message, as the seeds write them: "Thiếu máy tính. Đề nghị huyện
 * hỗ trợ 2 máy" is a difficulty and a proposal; "Đề nghị BCĐ huyện có phương án chỉ đạo" (seed 002,
 * c)) a proposal alone; "Chưa có kinh phí" a difficulty alone. Labels typed by the officer
 * ("Khó khăn: …", "Đề xuất: …") are taken off.
 */

import { foldSameLength } from './figures.js';
import { cleanText } from './normalize.js';

const PROPOSAL = /(?:^|[\s.;,:\-–—(])((?:kinh |xin )?de nghi|de xuat|kien nghi|xin|mong|nho)(?=[\s:,])/;
const DIFFICULTY_LABEL = /^\s*(?:kho khan(?:,? vuong mac)?|vuong mac|ly do)\s*[:\-–—]\s*/;
const PROPOSAL_LABEL = /^\s*(?:de xuat(?:,? kien nghi)?|kien nghi|de nghi)\s*[:\-–—]\s*/;

function tidy(text: string): string {
  return text
    .replace(/^[\s.;,:\-–—]+/, '')
    .replace(/[\s;,:\-–—]+$/, '')
    .trim();
}

/** Splits a message into its khó khăn and its đề xuất; either may be absent. */
export function splitDifficulty(input: string): { difficulty?: string; proposal?: string } {
  const text = cleanText(input);
  const folded = foldSameLength(text);
  const m = PROPOSAL.exec(folded);
  let difficulty = text;
  let proposal = '';
  if (m) {
    const at = (m.index ?? 0) + m[0].indexOf(m[1] ?? '');
    difficulty = text.slice(0, at);
    proposal = text.slice(at);
  }
  const dLabel = DIFFICULTY_LABEL.exec(foldSameLength(difficulty))?.[0];
  const d = tidy(dLabel ? difficulty.slice(dLabel.length) : difficulty);
  const pLabel = PROPOSAL_LABEL.exec(foldSameLength(proposal))?.[0];
  // "Đề xuất: huyện hỗ trợ" keeps its sense without the label; "Đề nghị huyện hỗ trợ" keeps its verb.
  const p = tidy(pLabel && /[:\-–—]\s*$/.test(pLabel) ? proposal.slice(pLabel.length) : proposal);
  return { ...(d ? { difficulty: d } : {}), ...(p ? { proposal: p } : {}) };
}

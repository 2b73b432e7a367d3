import type { Framework } from '../domain/catalog/types.js';
import type { DocumentRequest, Reply } from '../domain/dialog/protocol.js';
import { appendixData, difficultiesData } from '../reports/data.js';
import { loadAnswers } from '../storage/answers.js';
import type { Db } from '../storage/db.js';
import type { UnitRecord } from '../storage/units.js';
import type { OutFile, Outgoing } from './types.js';

export const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A file name officers recognise: "phu-luc-26620-2026-Q4.docx". */
export function documentName(req: DocumentRequest, unitCode: string): string {
  const kind = req.kind === 'appendix' ? 'phu-luc' : 'kho-khan';
  return `${kind}-${unitCode.replace(/[^A-Za-z0-9_-]/g, '_')}-${req.period}.${req.format}`;
}

/** Makes the document a reply asked for, from the unit's stored answers. */
export async function makeDocument(
  db: Db,
  fw: Framework,
  unit: UnitRecord,
  req: DocumentRequest,
  now: Date,
): Promise<OutFile> {
  const answers =
    (await loadAnswers(db, { unitId: unit.id, frameworkId: fw.id }, [req.period])).get(req.period) ??
    new Map();
  const info = { code: unit.code, name: unit.name, province: unit.province };
  // docx and exceljs are loaded on the first document only: they weigh ~26 MB and most messages need neither.
  const [{ buildAppendixDocx, buildAppendixXlsx }, { buildDifficultiesDocx }] = await Promise.all([
    import('../reports/appendix.js'),
    import('../reports/difficulties.js'),
  ]);
  const bytes =
    req.kind === 'difficulties'
      ? await buildDifficultiesDocx(difficultiesData(fw, info, req.period, answers, now))
      : req.format === 'xlsx'
        ? await buildAppendixXlsx(appendixData(fw, info, req.period, answers, now))
        : await buildAppendixDocx(appendixData(fw, info, req.period, answers, now));
  return { fileName: documentName(req, unit.code), mime: MIME[req.format], bytes };
}

/**
 * The replies as they go out: each document request made into its file. A request `resolve` does
 * not allow (another unit, out of scope) goes out as its text alone.
 */
export async function attachDocuments(
  replies: readonly Reply[],
  resolve: (req: DocumentRequest) => Promise<{ fw: Framework; unit: UnitRecord } | undefined>,
  db: Db,
  now: Date,
): Promise<Outgoing[]> {
  return Promise.all(
    replies.map(async (r): Promise<Outgoing> => {
      if (!r.document) return r;
      const target = await resolve(r.document);
      if (!target) return r;
      return { ...r, file: await makeDocument(db, target.fw, target.unit, r.document, now) };
    }),
  );
}

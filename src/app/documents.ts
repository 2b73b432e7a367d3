import { judgedOn } from '../domain/catalog/groups.js';
import type { Framework } from '../domain/catalog/types.js';
import type { DocumentRequest, Reply } from '../domain/dialog/protocol.js';
import { msg } from '../domain/messages/index.js';
import { unitsAt } from '../domain/units/frameworks.js';
import {
  appendixData,
  type DocumentSettings,
  difficultiesData,
  draftMark,
  matrixData,
  matrixTitle,
  matrixUnits,
} from '../reports/data.js';
import type { MatrixData } from '../reports/types.js';
import { loadAnswers, loadPeriodAnswerLists } from '../storage/answers.js';
import type { Db } from '../storage/db.js';
import {
  getProvinceDocumentSettings,
  getUnitDocumentSettings,
  type Patch,
  type ProvinceDocumentSettings,
  setProvinceDocumentSettings,
  setUnitDocumentSettings,
  type UnitDocumentSettings,
} from '../storage/document-settings.js';
import { listSubmissionsForPeriod, loadSubmissions } from '../storage/submissions.js';
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

/** What a unit's documents take from its own and its province's settings. */
export async function documentSettings(db: Db, unit: UnitRecord): Promise<DocumentSettings> {
  const [own, province] = await Promise.all([
    getUnitDocumentSettings(db, unit.id),
    getProvinceDocumentSettings(db, unit.province),
  ]);
  return { ...own, ...province };
}

/**
 * Makes the document a reply asked for, from the unit's stored answers, its submission's general
 * proposals and the document settings. `draft` says how many criteria are still unanswered.
 */
export async function makeDocument(
  db: Db,
  installed: Framework,
  unit: UnitRecord,
  req: DocumentRequest,
  now: Date,
): Promise<OutFile> {
  // The targets of the unit's commune group and of the period's year: the appendix shows those used.
  const fw = judgedOn(installed, unit.group, req.period);
  const scope = { unitId: unit.id, frameworkId: fw.id };
  const [answersByPeriod, submissions, settings] = await Promise.all([
    loadAnswers(db, scope, [req.period]),
    loadSubmissions(db, scope, [req.period]),
    documentSettings(db, unit),
  ]);
  const answers = answersByPeriod.get(req.period) ?? new Map();
  const info = { code: unit.code, name: unit.name, province: unit.province };
  // docx and exceljs are loaded on the first document only: they weigh ~26 MB and most messages need neither.
  const [{ buildAppendixDocx, buildAppendixXlsx }, { buildDifficultiesDocx }] = await Promise.all([
    import('../reports/appendix.js'),
    import('../reports/difficulties.js'),
  ]);
  const bytes =
    req.kind === 'difficulties'
      ? await buildDifficultiesDocx(
          difficultiesData(
            fw,
            info,
            req.period,
            answers,
            now,
            settings,
            submissions.get(req.period)?.proposals,
          ),
        )
      : req.format === 'xlsx'
        ? await buildAppendixXlsx(appendixData(fw, info, req.period, answers, now, settings))
        : await buildAppendixDocx(appendixData(fw, info, req.period, answers, now, settings));
  const draft = draftMark(fw, answers);
  return {
    fileName: documentName(req, unit.code),
    mime: MIME[req.format],
    bytes,
    ...(draft ? { draft: { unanswered: draft.unanswered } } : {}),
  };
}

/**
 * The replies as they go out: each document request made into its file. A request `resolve` does
 * not allow (another unit, out of scope) goes out as its text alone. A draft (criteria still
 * unanswered) is said so in the reply's text, before the file reaches the officer.
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
      const file = await makeDocument(db, target.fw, target.unit, r.document, now);
      const text = file.draft ? `${r.text}\n${msg.documentDraft(file.draft.unanswered)}` : r.text;
      return { ...r, text, file };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The province's matrix

/** One framework's part of a matrix: its sheet's data. */
export interface MatrixPart {
  framework: Framework;
  data: MatrixData;
}

/**
 * The matrices of `units` for one period, one per framework in use (in the order of first use),
 * computed from the answers and submissions loaded in bulk.
 */
export async function provinceMatrices(
  db: Db,
  frameworks: ReadonlyMap<string, Framework>,
  units: readonly UnitRecord[],
  period: string,
  province?: string,
): Promise<MatrixPart[]> {
  // A province's matrix reads that province's answers only: its cost grows with the province, not the country.
  const [answers, submissions] = await Promise.all([
    loadPeriodAnswerLists(db, period, province ? { province } : {}),
    listSubmissionsForPeriod(db, period),
  ]);
  const byFramework = new Map<string, UnitRecord[]>();
  // Each unit under each framework it reports on for the period (a sheet per framework).
  for (const u of units.flatMap((x) => unitsAt(x, period))) {
    const list = byFramework.get(u.frameworkId);
    if (list) list.push(u);
    else byFramework.set(u.frameworkId, [u]);
  }
  const parts: MatrixPart[] = [];
  for (const [fwId, list] of byFramework) {
    const fw = frameworks.get(fwId);
    if (!fw) continue;
    const data = matrixData(
      fw,
      period,
      matrixUnits(list, fwId, answers, submissions),
      matrixTitle(fw, province),
    );
    parts.push({ framework: fw, data });
  }
  return parts;
}

/** One workbook with a sheet per framework; or, when `split`, one workbook per framework. */
export async function matrixWorkbooks(
  parts: readonly MatrixPart[],
  split = false,
): Promise<Array<{ frameworkId?: string; bytes: Buffer }>> {
  const { buildMatrixXlsx } = await import('../reports/matrix.js');
  if (!split) return [{ bytes: await buildMatrixXlsx(parts.map((p) => p.data)) }];
  return Promise.all(
    parts.map(async (p) => ({ frameworkId: p.framework.id, bytes: await buildMatrixXlsx(p.data) })),
  );
}

// ---------------------------------------------------------------------------------------------
// Document settings

/** A setting that cannot be taken as given; the message says why, in the operator's words. */
export class DocumentSettingsError extends Error {
  override name = 'DocumentSettingsError';
}

/** A unit's document settings as they are (`units set` with nothing to change shows them). */
export function getUnitSettings(db: Db, unit: UnitRecord): Promise<UnitDocumentSettings> {
  return getUnitDocumentSettings(db, unit.id);
}

/** A province's document settings as they are. */
export function getProvinceSettings(db: Db, province: string): Promise<ProvinceDocumentSettings> {
  return getProvinceDocumentSettings(db, province);
}

/** What `units set` may change; a field given as "" clears it. */
export interface UnitDocumentInput {
  /** "TM" or "KT" (case and a trailing dot ignored). */
  signerMode?: string;
  signerTitle?: string;
  signerName?: string;
  placeName?: string;
  district?: string;
}

/** Changes a unit's document settings; returns them as they now are. */
export async function updateUnitDocumentSettings(
  db: Db,
  unit: UnitRecord,
  input: UnitDocumentInput,
  now: Date,
): Promise<UnitDocumentSettings> {
  const patch: Patch<UnitDocumentSettings> = {};
  if (input.signerMode !== undefined) {
    const mode = input.signerMode.trim().replace(/\.$/, '').toUpperCase();
    if (mode !== '' && mode !== 'TM' && mode !== 'KT')
      throw new DocumentSettingsError(msg.cliBadSignerMode());
    patch.signerMode = mode === '' ? null : mode;
  }
  for (const key of ['signerTitle', 'signerName', 'placeName', 'district'] as const) {
    const v = input[key];
    if (v !== undefined) patch[key] = v.trim() === '' ? null : v.trim().replace(/\s+/g, ' ');
  }
  return setUnitDocumentSettings(db, unit.id, patch, now);
}

/** What `provinces set` may change: lists given one item a line or separated by ";". */
export interface ProvinceDocumentInput {
  recipients?: string | string[];
  basis?: string | string[];
}

const listOf = (v: string | string[]) =>
  (Array.isArray(v) ? v : v.split(/\r\n|\r|\n|;/))
    .map((s) =>
      s
        .trim()
        .replace(/^[-–]\s*/, '')
        .replace(/[;.]+$/, ''),
    )
    .filter((s) => s !== '');

/** Changes a province's document settings; returns them as they now are. */
export async function updateProvinceDocumentSettings(
  db: Db,
  province: string,
  input: ProvinceDocumentInput,
  now: Date,
): Promise<ProvinceDocumentSettings> {
  if (province.trim() === '') throw new DocumentSettingsError(msg.cliNoProvinceGiven());
  const patch: Patch<ProvinceDocumentSettings> = {};
  if (input.recipients !== undefined) patch.recipients = listOf(input.recipients);
  if (input.basis !== undefined) patch.basis = listOf(input.basis);
  return setProvinceDocumentSettings(db, province.trim(), patch, now);
}

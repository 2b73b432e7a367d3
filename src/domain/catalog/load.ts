import { parse as parseYaml } from 'yaml';
import { deepFreeze } from '../freeze.js';
import { frameworkSchema } from './schema.js';
import type { Framework, Question } from './types.js';

/** A catalog file that could not be read or does not match the schema. */
export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'CatalogError';
  }
}

type Path = ReadonlyArray<PropertyKey>;

function describePath(raw: unknown, path: Path): string {
  let node: unknown = raw;
  let where = '';
  let field: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    node =
      node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key as string] : undefined;
    const code = node && typeof node === 'object' ? (node as { code?: unknown }).code : undefined;
    if (path[i - 1] === 'criteria' && typeof key === 'number') {
      where = `criterion ${typeof code === 'string' ? code : `#${key + 1}`}`;
      field = [];
    } else if (path[i - 1] === 'parts' && typeof key === 'number') {
      where = `${where} sub-point ${typeof code === 'string' ? code : `#${key + 1}`}`;
      field = [];
    } else if (path[i - 1] === 'groups' && typeof key === 'number') {
      where = `group ${typeof code === 'string' ? code : `#${key + 1}`}`;
      field = [];
    } else if (key !== 'criteria' && key !== 'parts' && key !== 'groups') {
      field.push(String(key));
    }
  }
  const fieldText = field.length > 0 ? `field ${field.join('.')}` : '';
  return [where, fieldText].filter(Boolean).join(', ') || 'top level';
}

/** Parses and validates one catalog file's text (YAML or JSON); throws CatalogError naming file, criterion and field. */
export function parseFrameworkFile(file: string, text: string): Framework {
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new CatalogError(file, [
      `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`,
    ]);
  }
  const result = frameworkSchema.safeParse(raw);
  if (!result.success) {
    throw new CatalogError(
      file,
      result.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`),
    );
  }
  const fw = result.data as Framework;
  const base = file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/, '');
  if (base !== fw.id) {
    throw new CatalogError(file, [`top level, field id: "${fw.id}" does not match the file name "${base}"`]);
  }
  return deepFreeze(normalizeStrings(fw));
}

function normalizeStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeStrings) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeStrings(v)])) as T;
  }
  return value;
}

/** The questions of a framework in walk order: each criterion, or each sub-point of a composite. */
export function listQuestions(fw: Framework): Question[] {
  let cached = questionCache.get(fw);
  if (!cached) {
    cached = Object.freeze(buildQuestions(fw)) as Question[];
    questionCache.set(fw, cached);
  }
  return cached;
}

/** Frameworks are frozen once loaded, so their questions are computed once (a pure memo). */
const questionCache = new WeakMap<Framework, Question[]>();

function buildQuestions(fw: Framework): Question[] {
  const out: Question[] = [];
  for (const group of fw.groups) {
    for (const criterion of group.criteria) {
      if (criterion.kind === 'composite' && criterion.parts) {
        for (const part of criterion.parts) {
          out.push({
            key: `${criterion.code}${part.code}`,
            criterion,
            group,
            part,
            kind: part.kind,
            target: part.target,
            text: part.text,
            unit: part.unit,
            numeratorLabel: part.numeratorLabel,
            note: part.note,
            notApplicableWhen: part.notApplicableWhen ?? criterion.notApplicableWhen,
            evidence: part.evidence ?? criterion.evidence,
          });
        }
      } else if (criterion.kind !== 'composite') {
        out.push({
          key: criterion.code,
          criterion,
          group,
          kind: criterion.kind,
          target: criterion.target,
          text: criterion.text,
          unit: criterion.unit,
          numeratorLabel: criterion.numeratorLabel,
          note: criterion.note,
          notApplicableWhen: criterion.notApplicableWhen,
          evidence: criterion.evidence,
        });
      }
    }
  }
  return out;
}

/** All criteria of a framework in order. */
export function listCriteria(fw: Framework) {
  return fw.groups.flatMap((g) => g.criteria.map((criterion) => ({ group: g, criterion })));
}

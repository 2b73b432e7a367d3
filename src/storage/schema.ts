import type { Generated } from 'kysely';

/** Row types of the database; kept apart from the domain types on purpose. */
export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  province: string;
  framework_id: string;
  valid_from: string | null;
  valid_to: string | null;
  successor_code: string | null;
  /** The NTM commune group (1, 2, 3), null when not set (migration 0010). */
  commune_group: number | null;
  /** JSON: the frameworks the unit moves to from a period on (migration 0010); null: none. */
  framework_changes: string | null;
  created_at: string;
}

export interface OfficersTable {
  id: Generated<number>;
  unit_id: number | null;
  display_name: string | null;
  role: string;
  scope_province: string | null;
  scope_area: string | null;
  created_at: string;
  /** When the person was removed: their messenger accounts are unbound, their answers kept. */
  removed_at: string | null;
  removed_by: number | null;
}

export interface IdentitiesTable {
  channel: string;
  external_id: string;
  officer_id: number;
  display_name: string | null;
  created_at: string;
}

export interface InvitesTable {
  code: string;
  unit_id: number | null;
  role: string;
  scope_province: string | null;
  scope_area: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by_officer_id: number | null;
  revoked_at: string | null;
}

export interface AnswersTable {
  unit_id: number;
  framework_id: string;
  period: string;
  question_key: string;
  answer_json: string;
  raw_text: string;
  difficulty: string | null;
  proposal: string | null;
  /** The period an answer was kept from ("giữ nguyên", "như cũ"); null when answered for this one. */
  carried_from: string | null;
  officer_id: number | null;
  channel: string;
  answered_at: string;
  updated_at: string;
}

export interface AnswerHistoryTable {
  id: Generated<number>;
  unit_id: number;
  framework_id: string;
  period: string;
  question_key: string;
  action: string;
  answer_json: string | null;
  raw_text: string | null;
  difficulty: string | null;
  proposal: string | null;
  carried_from: string | null;
  officer_id: number | null;
  channel: string;
  recorded_at: string;
}

export interface DialogStatesTable {
  session_key: string;
  state_json: string;
  revision: number;
  updated_at: string;
}

export interface ProcessedUpdatesTable {
  channel: string;
  update_key: string;
  processed_at: string;
}

export interface EvidenceTable {
  id: Generated<number>;
  unit_id: number;
  framework_id: string;
  period: string;
  question_key: string;
  kind: string;
  ref: string;
  caption: string | null;
  file_name: string | null;
  officer_id: number | null;
  channel: string;
  created_at: string;
}

export interface LinkCodesTable {
  code: string;
  officer_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AdhocDeadlinesTable {
  id: Generated<number>;
  name: string;
  period: string;
  due_date: string;
  province: string | null;
  created_at: string;
}

export interface CalendarOverridesTable {
  province: string;
  quarter_due_day: number | null;
  year_due_month: number | null;
  year_due_day: number | null;
}

export interface OfficerSettingsTable {
  officer_id: number;
  reminders_enabled: number;
  snoozed_until: string | null;
  updated_at: string;
}

export interface ReminderLogTable {
  recipient: string;
  deadline_key: string;
  lead: string;
  status: string;
  attempts: number;
  channel: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AreaUnitsTable {
  area: string;
  unit_code: string;
}

export interface SubmissionsTable {
  unit_id: number;
  framework_id: string;
  period: string;
  submitted_at: string;
  submitted_by: number | null;
  due_at: string | null;
  locked: number;
  unlocked_at: string | null;
  unlocked_by: number | null;
  proposals: string | null;
}

export interface UnitDocumentSettingsTable {
  unit_id: number;
  signer_mode: string | null;
  signer_title: string | null;
  signer_name: string | null;
  place_name: string | null;
  district: string | null;
  updated_at: string;
}

export interface ProvinceDocumentSettingsTable {
  province: string;
  recipients: string | null;
  basis: string | null;
  updated_at: string;
}

export interface UnitPredecessorsTable {
  unit_code: string;
  old_code: string;
  old_name: string;
  old_province: string | null;
  share: string;
  source: string;
  removed: number;
  valid_to: string | null;
  updated_at: string;
}

export interface ProvinceFixesTable {
  id: Generated<number>;
  table_name: string;
  old_value: string;
  new_value: string | null;
  row_count: number;
  outcome: string;
  created_at: string;
}

/** A login link or a web session: the token itself is never stored, only its SHA-256 (hex). */
export interface WebTokensTable {
  token_hash: string;
  kind: 'link' | 'session';
  officer_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface Database {
  web_tokens: WebTokensTable;
  unit_predecessors: UnitPredecessorsTable;
  province_fixes: ProvinceFixesTable;
  unit_document_settings: UnitDocumentSettingsTable;
  province_document_settings: ProvinceDocumentSettingsTable;
  area_units: AreaUnitsTable;
  submissions: SubmissionsTable;
  adhoc_deadlines: AdhocDeadlinesTable;
  calendar_overrides: CalendarOverridesTable;
  officer_settings: OfficerSettingsTable;
  reminder_log: ReminderLogTable;
  processed_updates: ProcessedUpdatesTable;
  evidence: EvidenceTable;
  link_codes: LinkCodesTable;
  units: UnitsTable;
  officers: OfficersTable;
  identities: IdentitiesTable;
  invites: InvitesTable;
  answers: AnswersTable;
  answer_history: AnswerHistoryTable;
  dialog_states: DialogStatesTable;
}

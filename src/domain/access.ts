/** One messenger account (or the console user): who sends a message. */
export interface Identity {
  channel: string;
  externalId: string;
  displayName?: string;
}

/** The three roles: an officer reports for one unit, a supervisor oversees a province or a named area, an admin all. */
export type Role = 'officer' | 'supervisor' | 'admin';

/** Who is acting, with the scope their role gives them. */
export type Actor =
  | { role: 'officer'; personId: number; unitId: number }
  | {
      role: 'supervisor';
      personId: number;
      province?: string;
      area?: string;
      areaUnitCodes?: readonly string[];
    }
  | { role: 'admin'; personId: number };

export interface UnitRef {
  id: number;
  code: string;
  province: string;
}

/** Whether an actor may see a unit's data. Every read and every write goes through this. */
export function canSeeUnit(actor: Actor, unit: UnitRef): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'officer':
      return actor.unitId === unit.id;
    case 'supervisor':
      if (actor.province !== undefined && actor.province === unit.province) return true;
      return actor.areaUnitCodes?.includes(unit.code) ?? false;
  }
}

/** Whether an actor may change a unit's answers: only its own officer. */
export function canAnswerFor(actor: Actor, unit: UnitRef): boolean {
  return actor.role === 'officer' && actor.unitId === unit.id;
}

/** Whether an actor may unlock a submitted report: a supervisor over the unit, or an admin. */
export function canUnlock(actor: Actor, unit: UnitRef): boolean {
  return actor.role !== 'officer' && canSeeUnit(actor, unit);
}

/**
 * Whether an actor may hand out invites for a role at all: an admin (and the operator) for any
 * role, a supervisor only for officers, an officer for none.
 */
export function canInviteRole(actor: Actor, role: Role): boolean {
  return actor.role === 'admin' || (actor.role === 'supervisor' && role === 'officer');
}

/** Whether an actor may invite the officer of a unit: a supervisor only within their scope. */
export function canInviteOfficerOf(actor: Actor, unit: UnitRef): boolean {
  return canInviteRole(actor, 'officer') && canSeeUnit(actor, unit);
}

/**
 * Whether an actor may see and remove a person, or see and revoke an invite: an admin (and the
 * operator) anyone; a supervisor the officers of units in their scope (never another supervisor or
 * an admin); an officer nobody.
 */
export function canManagePerson(actor: Actor, person: { role: Role; unit?: UnitRef | undefined }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'officer') return false;
  return person.role === 'officer' && person.unit !== undefined && canSeeUnit(actor, person.unit);
}

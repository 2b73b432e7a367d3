/**
 * Every command of `cds-bot`, in the order the help lists them. A new command is declared in the
 * file of its family (or a new file) with defineCommand, and added here.
 */
import { areasList, areasSet } from './areas.js';
import { backup } from './backup.js';
import { chatCommand, run } from './chat.js';
import type { Command } from './command.js';
import { deadlinesAdd, deadlinesCalendar, deadlinesList } from './deadlines.js';
import {
  frameworksExport,
  frameworksImport,
  frameworksList,
  frameworksPublish,
  frameworksShow,
  frameworksTargets,
  frameworksTemplate,
} from './frameworks.js';
import { importAnswers } from './import.js';
import { invite, invitesList, invitesRevoke } from './invites.js';
import { peopleList, peopleRemove } from './people.js';
import { provincesCheck, provincesList, provincesRename, provincesSet } from './provinces.js';
import { remindersPlan, remindersRun } from './reminders.js';
import { exportDocument, gaps, overview } from './reports.js';
import {
  unitsAdd,
  unitsFrameworks,
  unitsHistory,
  unitsImport,
  unitsList,
  unitsMerge,
  unitsMerges,
  unitsSet,
  unitsUnmerge,
} from './units.js';
import { web, webLink } from './web.js';

export const COMMANDS: readonly Command[] = [
  run,
  chatCommand,
  provincesList,
  provincesCheck,
  provincesRename,
  provincesSet,
  unitsImport,
  unitsAdd,
  unitsList,
  unitsMerges,
  unitsMerge,
  unitsUnmerge,
  unitsHistory,
  unitsSet,
  unitsFrameworks,
  frameworksList,
  frameworksShow,
  frameworksImport,
  frameworksPublish,
  frameworksExport,
  frameworksTemplate,
  frameworksTargets,
  invite,
  invitesList,
  invitesRevoke,
  peopleList,
  peopleRemove,
  areasSet,
  areasList,
  gaps,
  exportDocument,
  overview,
  web,
  webLink,
  importAnswers,
  deadlinesAdd,
  deadlinesList,
  deadlinesCalendar,
  remindersPlan,
  remindersRun,
  backup,
];

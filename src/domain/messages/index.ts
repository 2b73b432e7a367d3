/**
 * Every sentence a user sees (officers, supervisors, the province's operators at the CLI), in one
 * module, for every channel: plain text in short lines that fit a phone screen, in the
 * administrative register of the seed reports. Named `msg` so it never clashes with vitest's `vi`.
 */
import { answers } from './answers.js';
import { carry } from './carry.js';
import { channels } from './channels.js';
import { cli } from './cli.js';
import { frameworks } from './frameworks.js';
import { guard } from './guard.js';
import { onboarding } from './onboarding.js';
import { operator } from './operator.js';
import { people } from './people.js';
import { status } from './status.js';
import { submit } from './submit.js';
import { supervisor } from './supervisor.js';
import { walk } from './walk.js';
import { web } from './web.js';

export const msg = {
  ...onboarding,
  ...walk,
  ...answers,
  ...carry,
  ...status,
  ...submit,
  ...supervisor,
  ...cli,
  ...frameworks,
  ...people,
  ...channels,
  ...operator,
  ...guard,
  ...web,
};

export { CLI_OPTION_NOTES, CLI_OPTIONS, CLI_SUMMARY, type OptionHelp } from './cli.js';
export { COMMAND_MENU, COMMANDS_HELP } from './onboarding.js';
export { renderDifficulties, renderGapReport } from './status.js';
export { STANDING_LABEL, WEB } from './web.js';

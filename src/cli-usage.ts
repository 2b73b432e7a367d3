import type { parseArgs } from 'node:util';

/** The help of `cds-bot`: printed for --help and after a usage error. No imports, so it answers at once. */
export const USAGE = `cds-bot: trợ lý báo cáo tiêu chí chuyển đổi số cấp xã

Usage: cds-bot [command] [options]

Commands:
  run                      start the bot (no token set: the console chat)   [default]
  chat [--unit <code>] [--echo]
                           chat in this terminal as the officer of a unit
  units add --code <code> --name <name> --province <province> --framework <id>
  units list
  frameworks list
  frameworks show <id>
  invite --unit <code> [--days <n>]
                           print a single-use invite code for an officer of the unit
  invite --role supervisor (--province <province> | --area <area>) | --role admin
                           an invite for a supervisor of a province or named area, or an admin
  areas set --name <area> --units <code,code,...>    a named area of units for a supervisor
  units merge --into <code> --from <code,code> --date <YYYY-MM-DD>
                           record an administrative merger (the old units' history stays)
  units history --unit <code>                        reported periods, with merged units'
  export --unit <code> [--period <key>] [--format docx|xlsx] [--kind appendix|difficulties] [--out <file>]
                           the official appendix (Phụ lục) or the difficulties report
  overview [--province <province>] [--period <key>] [--out matrix.xlsx]
                           units × criteria with a status in every cell
  import --unit <code> [--period <key>] <file.xlsx|file.csv>
                           load answers from a sheet in the export's layout; all or nothing
  gaps --unit <code> [--period <key>] [--json]
                           the unmet criteria of a unit for a period (default: this quarter)
  deadlines add --name <name> --period <key> --due <YYYY-MM-DD> [--province <province>]
                           an ad-hoc deadline (e.g. a 9-month report the province requests)
  deadlines list [--province <province>] [--at <ISO time>]
  deadlines calendar --province <province> [--quarter-due-day <n>] [--year-due <dd/mm>]
                           a province's own reporting days
  backup <file>            a consistent copy of the SQLite database, safe while the bot runs
  reminders plan [--at <ISO time>]   what would be sent at that instant (dry run)
  reminders run [--at <ISO time>]    send it (through the channels configured by tokens)

Options:
  --db <path>              SQLite file (default: $CDS_DB or ./data/cds.sqlite);
                           DATABASE_URL=postgres://… uses PostgreSQL instead
  --as <channel:id>        act as that registered person (their role and scope apply);
                           without it the command runs with the operator's full access
  -h, --help               show this help
`;

/** The options `cds-bot` accepts (node:util parseArgs). */
export const OPTIONS = {
  db: { type: 'string' },
  unit: { type: 'string' },
  code: { type: 'string' },
  name: { type: 'string' },
  province: { type: 'string' },
  framework: { type: 'string' },
  period: { type: 'string' },
  days: { type: 'string' },
  json: { type: 'boolean' },
  due: { type: 'string' },
  at: { type: 'string' },
  'quarter-due-day': { type: 'string' },
  'year-due': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  as: { type: 'string' },
  kind: { type: 'string' },
  role: { type: 'string' },
  area: { type: 'string' },
  units: { type: 'string' },
  into: { type: 'string' },
  from: { type: 'string' },
  date: { type: 'string' },
  echo: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

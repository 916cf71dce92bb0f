/**
 * Cron schedules as Kubernetes CronJobs accept them (the controller parses with
 * robfig/cron's standard parser): five fields, or a descriptor such as `@daily`.
 * Each field is a list of `*`, `?` (day fields), values, ranges `a-b` and steps `/n`;
 * months and weekdays may be written as names (JAN-DEC, SUN-SAT). A time zone goes in
 * the CronJob's timeZone field, not in the schedule (`TZ=`/`CRON_TZ=` are rejected).
 */

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Field { readonly name: string; readonly min: number; readonly max: number; readonly names?: string[]; readonly question?: boolean }
const FIELDS: Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: DAYS, question: true },
];

/** Returns why `schedule` is not a cron schedule Kubernetes accepts, or undefined when it is one. */
export function cronProblem(schedule: unknown): string | undefined {
  if (typeof schedule !== 'string' || schedule.trim() === '') return 'it is empty';
  const text = schedule.trim();
  if (/^(CRON_)?TZ=/.test(text)) return 'it sets a time zone; Kubernetes rejects TZ= in schedules (set the CronJob\'s timeZone instead)';
  if (text.startsWith('@')) {
    if (DESCRIPTORS.includes(text)) return undefined;
    if (/^@every\s+(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
    return `'${text.split(/\s/)[0]}' is not a descriptor; use ${DESCRIPTORS.join(', ')} or '@every <duration>'`;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) return `it has ${fields.length} field(s), not five (minute hour day-of-month month day-of-week)`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return `${FIELDS[i].name} field '${fields[i]}' ${problem}`;
  }
  return undefined;
}

function fieldProblem(text: string, field: Field): string | undefined {
  for (const item of text.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined || (step !== undefined && !/^\d+$/.test(step)) || step === '0') return `has a bad step in '${item}'; use /n with n ≥ 1`;
    if (range === '*' || (range === '?' && field.question)) continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `has a bad range '${range}'`;
    const values = bounds.map(b => value(b, field));
    if (values.some(v => v === undefined)) {
      return `is not ${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ''}, '*', a list, a range or a step`;
    }
    if (values.length === 2 && values[0]! > values[1]!) return `has a range '${range}' that runs backwards`;
  }
  return undefined;
}

function value(text: string, field: Field): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (field.min === 1 ? 1 : 0);
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WorkingDayCalendar } from '../../shared/calendar';
import { ConsultationParty, RequestEventKind } from '../entities/request-enums';
import { computeReplyClock } from '../services/request-clock';
import { messages } from '../services/statutory-messages';
import { STATUTORY_RULES } from '../services/statutory-rules';

const AGENCY = join(__dirname, '..');
// The only two places a period may be written as a number: the table and the catalogue built from it.
const ALLOWED = new Set(['services/statutory-rules.ts', 'services/statutory-messages.ts']);
// A period stated as a literal number in either language.
const LITERAL_PERIOD = /\d+ ?个工作日|\d+ ?日内|\d+ ?天|\d+ working days?|\d+ days/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'tests' || name === 'migrations' ? [] : sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The code without its comments: a comment may explain a period, only code states it to users. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

describe('statutory messages come from the rules table', () => {
  it('no agency source outside the table and the catalogue writes a period as a literal number', () => {
    const files = sources(AGENCY).map((f) => relative(AGENCY, f).split('\\').join('/'));
    expect(files).toContain('services/request.service.ts');
    const offenders = files.filter((f) => !ALLOWED.has(f)).flatMap((f) => code(readFileSync(join(AGENCY, f), 'utf8'))
      .split('\n').filter((line) => LITERAL_PERIOD.test(line)).map((line) => `${f}: ${line.trim()}`));
    expect(offenders).toEqual([]);
  });

  it('the scan would catch a literal period', () => {
    expect(LITERAL_PERIOD.test("'须在 7 个工作日内'")).toBe(true);
    expect(LITERAL_PERIOD.test('`within 15 working days`')).toBe(true);
    expect(LITERAL_PERIOD.test('`${n} 个工作日`')).toBe(false);
  });

  it('a factory states the table\'s number, and a changed rule changes the message', () => {
    const n = STATUTORY_RULES.supplementNoticeWorkingDays;
    const late = messages.supplementNoticeLate('2026-02-25');
    expect(late.zh).toContain(`${n} 个工作日`);
    expect(late.en).toContain(`${n} working days`);
    const changed = messages.supplementNoticeLate('2026-02-25', { ...STATUTORY_RULES, supplementNoticeWorkingDays: n + 2 });
    expect(changed.zh).toContain(`${n + 2} 个工作日`);
    expect(messages.excessiveDaysOutOfRange().en).toContain(`${STATUTORY_RULES.maxExcessiveWorkingDays} working days`);
    expect(messages.extensionDaysOutOfRange({ ...STATUTORY_RULES, maxExtensionWorkingDays: 12 }).zh).toContain('1 到 12 个工作日');
    expect(messages.extendDescription()).toContain(`${STATUTORY_RULES.maxExtensionWorkingDays} 个工作日`);
    expect(messages.startConsultationDescription()).toContain(`${STATUTORY_RULES.consultationWorkingDays} working days`);
  });

  it('the reply clock\'s steps state the rules it counted with', () => {
    const rules = { ...STATUTORY_RULES, consultationWorkingDays: 10, replyWorkingDays: 25 };
    const c = computeReplyClock([
      { kind: RequestEventKind.RECEIVED, on: '2026-03-02' },
      { kind: RequestEventKind.CONSULTATION_STARTED, on: '2026-03-03', party: ConsultationParty.THIRD_PARTY },
    ], WorkingDayCalendar.official(), '2026-03-04', rules);
    const steps = c.steps.join('\n');
    expect(steps).toContain('counted as its full 10 working days');
    expect(steps).toContain('+25 个工作日');
    expect(steps).not.toContain('15 working days');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { WorkingDayCalendar } from '../../shared/calendar';
import { RequestEventKind } from '../entities/request-enums';
import { computeReplyClock } from '../services/request-clock';

const ROOT = join(__dirname, '..', '..', '..');
const schemaOf = (name: string) => buildSchema(readFileSync(join(ROOT, 'schema', `${name}.graphql`), 'utf8'), { assumeValidSDL: true });

describe('Art. 31: a receipt on a non-working day is day zero, and the API says so', () => {
  it('counts from a Saturday receipt as from that Saturday: the first counted day is the Monday after', () => {
    // Sat 2026-11-28 is day zero: 11-30..12-04 (1–5), 07..11 (6–10), 14..18 (11–15), 21..25 (16–20).
    const clock = computeReplyClock([{ kind: RequestEventKind.RECEIVED, on: '2026-11-28' }], WorkingDayCalendar.official(), '2026-11-30');
    expect(clock.replyDueOn).toBe('2026-12-25');
  });

  it('states the rule in every receipt date field and in dueDate', () => {
    const agency = schemaOf('agency');
    for (const type of ['DisclosureRequest', 'RequestProgress', 'SubmittedRequest']) {
      const field = (agency.getType(type) as GraphQLObjectType).getFields().receivedOn;
      expect(field.description).toContain('非工作日');
      expect(field.description).toContain('non-working day');
    }
    const dueDate = (schemaOf('directory').getType('Query') as GraphQLObjectType).getFields().dueDate;
    expect(dueDate.args.find((a) => a.name === 'from')!.description).toContain('non-working day');
  });

  it('states the rule in the API guide', () => {
    const guide = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
    expect(guide).toMatch(/## Deadlines[\s\S]*non-working day[\s\S]*day zero/);
  });
});

import { GraphQLScalarType, Kind } from 'graphql';
import { chinaDateTime } from './clock';
import { BadUserInputError } from '../../schema/contracts/errors';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written "YYYY-MM-DD". */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new BadUserInputError('Date', `日期格式应为 YYYY-MM-DD，收到 ${JSON.stringify(value)}`, `A Date must be written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Calendar date in China Standard Time, "2026-03-02"; carried as that string inside the hub. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: '中国标准时间的日历日期，如 "2026-03-02" / Calendar date in China Standard Time, e.g. "2026-03-02"',
  serialize: (value) => parseDate(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): Date {
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  if (!d || Number.isNaN(d.getTime())) {
    throw new BadUserInputError('DateTime', `时间格式应为 ISO-8601，如 2026-03-02T09:30:00+08:00`, 'A DateTime must be ISO-8601 with an offset, e.g. 2026-03-02T09:30:00+08:00');
  }
  return d;
}

/** Instant shown as ISO-8601 with the +08:00 offset, "2026-03-02T09:30:00+08:00". */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO-8601 时间（带时区偏移），如 "2026-03-02T09:30:00+08:00" / ISO-8601 instant with offset',
  serialize: (value) => chinaDateTime(value instanceof Date ? value : new Date(value as string)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/**
 * The hub's own scalars by name, so client input can be checked with the same rules wherever it
 * arrives (the gateway checks them before calling any subgraph).
 */
export const HUB_SCALARS: Readonly<Record<string, GraphQLScalarType>> = { Date: DateScalar, DateTime: DateTimeScalar };

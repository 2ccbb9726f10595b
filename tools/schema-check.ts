import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { composePublicSchema } from './compose';
import { schemaDir } from './subgraph-schemas';

/**
 * The public schema is a product clients build on: a change that would break them must be
 * declared (schema/declared-breaking-changes.json, with the reason and the changelog entry)
 * before it can land. The baseline is schema/public.graphql, the public API last released.
 */

export interface DeclaredChange {
  /** The change's path as GraphQL Inspector reports it, e.g. "Document.summary". */
  path: string;
  reason: string;
}

export interface SchemaCheck {
  breaking: Change[];
  undeclared: Change[];
  safe: Change[];
}

export async function checkPublicSchema(
  baselineSdl: string, currentSdl: string, declared: DeclaredChange[],
): Promise<SchemaCheck> {
  const changes = await diff(buildSchema(baselineSdl), buildSchema(currentSdl));
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const declaredPaths = new Set(declared.map((d) => d.path));
  return {
    breaking,
    undeclared: breaking.filter((c) => !declaredPaths.has(c.path ?? '')),
    safe: changes.filter((c) => c.criticality.level !== CriticalityLevel.Breaking),
  };
}

export function baselineFile(): string {
  return join(schemaDir(), 'public.graphql');
}

export function declaredChanges(): DeclaredChange[] {
  const file = join(schemaDir(), 'declared-breaking-changes.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DeclaredChange[]) : [];
}

/** `npm run schema-check` (CI) and `npm run schema-check -- --update` (after a release). */
async function main(update: boolean): Promise<void> {
  const current = composePublicSchema();
  if (update) {
    writeFileSync(baselineFile(), current);
    console.log(`wrote ${baselineFile()}`);
    return;
  }
  const result = await checkPublicSchema(readFileSync(baselineFile(), 'utf8'), current, declaredChanges());
  for (const c of result.safe) console.log(`  safe      ${c.message}`);
  for (const c of result.breaking) console.log(`  BREAKING  ${c.message} (${c.path})${result.undeclared.includes(c) ? '  ← undeclared' : ''}`);
  if (result.undeclared.length) {
    console.error(`\n${result.undeclared.length} undeclared breaking change(s): declare them in schema/declared-breaking-changes.json with the reason, or keep the old field.`);
    process.exit(1);
  }
}

if (require.main === module) {
  main(process.argv.includes('--update')).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

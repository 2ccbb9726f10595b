import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { schemaDir } from './subgraph-schemas';

/** The operations files compiled into persisted documents: the public portal's and the staff pages'. */
export const OPERATIONS_FILES = ['portal-operations.graphql', 'staff-operations.graphql'] as const;

/** One of the operations files. */
export type OperationsFile = (typeof OPERATIONS_FILES)[number];

/** The text of one operations file of schema/. */
export function operationsSource(file: OperationsFile): string {
  return readFileSync(join(schemaDir(), file), 'utf8');
}

/**
 * The web app's persisted documents: each operation of schema/portal-operations.graphql and
 * schema/staff-operations.graphql (with the fragments it uses) keyed by the SHA-256 of its text,
 * as Apollo's persisted-query protocol sends it.
 */
export function persistedDocuments(): Record<string, string> {
  return Object.assign({}, ...OPERATIONS_FILES.map((file) => persistedDocumentsOf(operationsSource(file))));
}

/** The persisted documents of one operations file's text. */
export function persistedDocumentsOf(source: string): Record<string, string> {
  const document = parse(source);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const out: Record<string, string> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const used = new Map<string, FragmentDefinitionNode>();
    const collect = (node: typeof definition | FragmentDefinitionNode) => visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
    collect(definition);
    const text = print({ kind: Kind.DOCUMENT, definitions: [definition, ...used.values()] } as DocumentNode);
    out[createHash('sha256').update(text).digest('hex')] = text;
  }
  return out;
}

if (require.main === module) {
  const file = join(schemaDir(), 'persisted-documents.json');
  writeFileSync(file, JSON.stringify(persistedDocuments(), null, 2) + '\n');
  console.log(`wrote ${file}`);
  // Imported here: web-operations reads this module's persistedDocuments for the hashes.
  const { webOperationsSource, WEB_OPERATIONS_FILES } = require('./web-operations') as typeof import('./web-operations');
  for (const [operations, generated] of Object.entries(WEB_OPERATIONS_FILES)) {
    writeFileSync(generated, webOperationsSource(undefined, operations as keyof typeof WEB_OPERATIONS_FILES));
    console.log(`wrote ${generated}`);
  }
}

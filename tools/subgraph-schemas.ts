import { printSubgraphSchema } from '@apollo/subgraph';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAgencySchema } from '../subgraphs/agency/server';
import { buildDirectorySchema } from '../subgraphs/directory/server';
import { buildCoordinationSchema } from '../subgraphs/coordination/server';

/** Every subgraph's schema builder, by the name of its committed SDL file. */
export const SUBGRAPH_SCHEMAS = {
  agency: buildAgencySchema,
  directory: buildDirectorySchema,
  coordination: buildCoordinationSchema,
} as const;

/** The SDL a subgraph emits from code, as committed in schema/<name>.graphql. */
export async function emittedSdl(name: keyof typeof SUBGRAPH_SCHEMAS): Promise<string> {
  return `${printSubgraphSchema(await SUBGRAPH_SCHEMAS[name]())}\n`;
}

export function committedSdl(name: keyof typeof SUBGRAPH_SCHEMAS): string {
  return readFileSync(join(schemaDir(), `${name}.graphql`), 'utf8');
}

/** schema/ at the repository root, whether running from sources or from dist/. */
export function schemaDir(): string {
  const here = __dirname.split(/[\\/]/);
  const distAt = here.lastIndexOf('dist');
  const root = distAt >= 0 ? here.slice(0, distAt).join('/') : join(__dirname, '..');
  return join(root, 'schema');
}

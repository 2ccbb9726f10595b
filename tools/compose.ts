import { composeServices } from '@theguild/federation-composition';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { schemaDir } from './subgraph-schemas';

/**
 * The subgraphs of the hub and the URL the supergraph records for each. The gateway replaces them:
 * the agency URL by its shard registry, the singletons' by its configuration.
 */
export const SUBGRAPHS = [
  { name: 'directory', url: 'http://directory.hub.invalid/graphql' },
  { name: 'agency', url: 'http://agency.sharded.invalid/graphql' },
  { name: 'coordination', url: 'http://coordination.hub.invalid/graphql' },
] as const;

/** Composes the committed subgraph SDLs into the supergraph; throws with every composition error spelled out. */
export function composeSupergraph(dir = schemaDir()): string {
  return compose(dir).supergraphSdl;
}

/** The public API as clients see it (federation machinery removed), composed from the committed SDLs. */
export function composePublicSchema(dir = schemaDir()): string {
  return compose(dir).publicSdl;
}

function compose(dir: string) {
  const services = SUBGRAPHS.filter((s) => existsSync(join(dir, `${s.name}.graphql`))).map((s) => ({
    name: s.name, url: s.url, typeDefs: parse(readFileSync(join(dir, `${s.name}.graphql`), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result;
}

if (require.main === module) {
  try {
    const file = join(schemaDir(), 'supergraph.graphql');
    writeFileSync(file, composeSupergraph());
    console.log(`wrote ${file}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emittedSdl, schemaDir, SUBGRAPH_SCHEMAS } from './subgraph-schemas';

/** `npm run emit-schema`: writes each subgraph's SDL, as built from code, into schema/. */
async function main(): Promise<void> {
  for (const name of Object.keys(SUBGRAPH_SCHEMAS) as (keyof typeof SUBGRAPH_SCHEMAS)[]) {
    const file = join(schemaDir(), `${name}.graphql`);
    writeFileSync(file, await emittedSdl(name));
    console.log(`wrote ${file}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

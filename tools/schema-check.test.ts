import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composePublicSchema } from './compose';
import { baselineFile, checkPublicSchema, declaredChanges } from './schema-check';
import { schemaDir } from './subgraph-schemas';

describe('the public schema check', () => {
  it('finds no undeclared breaking change against the released public schema', async () => {
    const result = await checkPublicSchema(readFileSync(baselineFile(), 'utf8'), composePublicSchema(), declaredChanges());
    expect(result.undeclared.map((c) => c.message)).toEqual([]);
  });

  it('fails when a subgraph drops a public field, unless the change is declared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
    try {
      for (const file of readdirSync(schemaDir()).filter((f) => f.endsWith('.graphql'))) {
        writeFileSync(join(dir, file), readFileSync(join(schemaDir(), file), 'utf8'));
      }
      const agency = readFileSync(join(dir, 'agency.graphql'), 'utf8');
      const withoutSummary = agency.replace(/\n\s*"""内容概述 \/ Summary"""\n\s*summary: String\n/, '\n');
      expect(withoutSummary).not.toBe(agency);
      writeFileSync(join(dir, 'agency.graphql'), withoutSummary);
      const baseline = composePublicSchema(schemaDir());
      const broken = await checkPublicSchema(baseline, composePublicSchema(dir), []);
      expect(broken.undeclared.map((c) => c.path)).toContain('Document.summary');
      const declared = await checkPublicSchema(baseline, composePublicSchema(dir), [{ path: 'Document.summary', reason: 'test' }]);
      expect(declared.undeclared).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { composePublicSchema } from './compose';
import { persistedDocuments } from './persisted-documents';
import { schemaDir } from './subgraph-schemas';
import { WEB_OPERATIONS_FILES, webOperationsSource } from './web-operations';

describe("the portal's persisted documents", () => {
  it('schema/persisted-documents.json is compiled from portal-operations.graphql and staff-operations.graphql (run `npm run persisted-documents`)', () => {
    expect(JSON.parse(readFileSync(join(schemaDir(), 'persisted-documents.json'), 'utf8'))).toEqual(persistedDocuments());
  });

  it('every persisted document is valid against the public schema', () => {
    const schema = buildSchema(composePublicSchema());
    for (const document of Object.values(persistedDocuments())) expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });

  it("the web app's typed operations are generated from them (run `npm run persisted-documents`)", () => {
    for (const [file, generated] of Object.entries(WEB_OPERATIONS_FILES)) {
      expect(readFileSync(generated, 'utf8')).toBe(webOperationsSource(undefined, file as keyof typeof WEB_OPERATIONS_FILES));
    }
  });

  it('no operation name is used twice across the operations files (the gateway and the harness look them up by name)', () => {
    const names = Object.values(persistedDocuments()).map((text) => /^(?:query|mutation) (\w+)/.exec(text)![1]);
    expect(names.length).toBe(new Set(names).size);
  });
});

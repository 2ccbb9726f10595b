import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_FIELDS } from './export-fields';

describe('export field dictionary', () => {
  it('is written into docs/api.md field by field, so the docs cannot drift from the exports', () => {
    const api = readFileSync(join(__dirname, '..', 'docs', 'api.md'), 'utf8');
    for (const fields of Object.values(EXPORT_FIELDS)) {
      for (const f of fields) expect(api).toContain(`| \`${f.name}\` | ${f.label} | ${f.type} | ${f.description} |`);
    }
  });

  it('names every column once per export, with a Chinese label', () => {
    for (const fields of Object.values(EXPORT_FIELDS)) {
      expect(new Set(fields.map((f) => f.name)).size).toBe(fields.length);
      for (const f of fields) expect(f.label).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

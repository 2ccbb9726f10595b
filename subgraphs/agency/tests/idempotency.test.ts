import { randomUUID } from 'node:crypto';
import { CREATE_DOCUMENT } from '../../../test/documents/agency-operations';
import { openTestAgency, staff, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { GATEWAY_CLAIMS_HEADER, signGatewayClaims, type Claims } from '../../../schema/contracts/claims';
import { IDEMPOTENCY_KEY_HEADER } from '../../../schema/contracts/idempotency';
import { startAgencySubgraph, type RunningAgency } from '../server';

const EDITOR = staff('fjdrc', 'editor');
const input = (title: string) => ({ title, body: '正文', theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE' });

/** Raw SQL that makes the last write of an idempotent mutation — its outcome — fail, after the document is in. */
const FAIL_OUTCOME_WRITE = {
  sqlite: [`create trigger fail_outcome before update on idempotency_key begin select raise(abort, 'forced failure'); end`],
  postgresql: [
    `create function fail_outcome() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`,
    `create trigger fail_outcome before update on idempotency_key for each row execute function fail_outcome()`,
  ],
};

describe.each(testEngines())('issue 9 finding 4: an idempotent mutation and its key are one transaction (%s)', (kind) => {
  let agency: TestAgency;
  let running: RunningAgency;
  beforeEach(async () => {
    agency = await openTestAgency(kind);
    running = await startAgencySubgraph({ ...agency.config, port: 0 }, agency.runtime);
  });
  afterEach(async () => {
    running.server.close();
    running.server.closeAllConnections();
    await agency.close();
  });

  const call = async (key: string | undefined, variables: Record<string, unknown>, claims: Claims = EDITOR) => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims(claims, agency.config.gatewaySecret),
        ...(key ? { [IDEMPOTENCY_KEY_HEADER]: key } : {}),
      },
      body: JSON.stringify({ query: CREATE_DOCUMENT, variables }),
    });
    return (await response.json()) as { data?: { createDocument: { id: string } | null } | null; errors?: { extensions: { code: string } }[] };
  };
  const counts = async () => ({
    documents: Number((await agency.runtime.orm.em.fork().getConnection().execute('select count(*) as n from document'))[0].n),
    keys: Number((await agency.runtime.orm.em.fork().getConnection().execute('select count(*) as n from idempotency_key'))[0].n),
  });

  it('writes the document and the key row in the same transaction, the outcome last', async () => {
    agency.sql.length = 0;
    const first = await call(randomUUID(), { input: input('关于幂等键的通知') });
    expect(first.errors).toBeUndefined();
    const statements = agency.sql.map((line) => line.toLowerCase());
    const at = (pattern: RegExp) => statements.findIndex((s) => pattern.test(s));
    const begin = at(/\bbegin\b/);
    const key = at(/insert into .idempotency_key/);
    const doc = at(/insert into .document. /);
    const outcome = at(/update .idempotency_key/);
    const commit = at(/\bcommit\b/);
    expect(begin).toBeGreaterThanOrEqual(0);
    expect([begin < key, key < doc, doc < outcome, outcome < commit]).toEqual([true, true, true, true]);
    // No commit between the key row and the outcome: one transaction (the services' own are savepoints in it).
    expect(statements.slice(key, outcome).some((s) => /\bcommit\b/.test(s))).toBe(false);
  });

  it('leaves neither the document nor the key when the transaction fails after the document was written', async () => {
    for (const sql of FAIL_OUTCOME_WRITE[kind]) await agency.runtime.orm.em.fork().getConnection().execute(sql);
    const failed = await call(randomUUID(), { input: input('关于失败事务的通知') });
    expect(failed.errors?.map((e) => e.extensions.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(failed.data?.createDocument ?? null).toBeNull();
    expect(await counts()).toEqual({ documents: 0, keys: 0 });
  });

  it('runs concurrent calls with the same key once and answers both with the one document', async () => {
    const key = randomUUID();
    const variables = { input: input('关于并发重试的通知') };
    const answers = await Promise.all([call(key, variables), call(key, variables), call(key, variables)]);
    const ids = answers.map((a) => a.data?.createDocument?.id);
    expect(ids[0]).toMatch(/^fjdrc:/);
    expect(new Set(ids).size).toBe(1);
    expect(await counts()).toEqual({ documents: 1, keys: 1 });
  });

  it('does not keep a refusal: the key can be used again once the request is valid', async () => {
    const key = randomUUID();
    const refused = await call(key, { input: input('') });
    expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual({ documents: 0, keys: 0 });
    const fixed = await call(key, { input: input('关于改正后重试的通知') });
    expect(fixed.data?.createDocument?.id).toMatch(/^fjdrc:/);
    expect(await counts()).toEqual({ documents: 1, keys: 1 });
    const bad = await call('short', { input: input('关于坏键的通知') });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
    expect((await counts()).documents).toBe(1);
  });
});

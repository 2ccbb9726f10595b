process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { createAgencyRuntime } from '../../subgraphs/agency/server';
import { seedAgency } from '../demo/seed-agency';
import type { DemoAgency } from '../demo/seed-types';

/** What one seeding process is asked to do (passed as JSON in BENCH_SEED_JOB). */
interface SeedJob {
  agencies: DemoAgency[];
  /** Folder of the SQLite files, `<dir>/<code>.sqlite`. */
  dir: string;
  documents: number;
  gatewaySecret: string;
  clock: string;
  today: string;
}

/** The SQLite file of a benchmark deployment. */
export function benchDatabase(dir: string, code: string): string {
  return join(dir, `${code}.sqlite`);
}

/** Seeds each agency of `job` into its own SQLite file through the real workflow, one after the other. */
async function seedJob(job: SeedJob): Promise<void> {
  for (const agency of job.agencies) {
    const runtime = await createAgencyRuntime(loadAgencyConfig({
      HUB_GATEWAY_SECRET: job.gatewaySecret, HUB_AGENCY_CODE: agency.code, HUB_AGENCY_INDEX_PREFIX: agency.indexPrefix,
      HUB_DATABASE_URL: benchDatabase(job.dir, agency.code), HUB_CLOCK: job.clock,
    }));
    await seedAgency(runtime, agency, { documents: job.documents, penalties: 0, today: job.today });
    await runtime.orm.close();
  }
}

/**
 * Seeds the benchmark's deployments in `workers` child processes (this file run as a script), each
 * a share of the agencies: seeding drives every document through the workflow (create, review,
 * publish), about 25 ms a document on one core, so 100 deployments × 150 documents take minutes
 * in one process and are CPU-bound, which several processes spread over the cores.
 */
export async function seedInParallel(job: SeedJob, workers: number): Promise<void> {
  const shares = Array.from({ length: Math.min(workers, job.agencies.length) }, (_, w) => job.agencies.filter((_, i) => i % workers === w));
  await Promise.all(shares.map((agencies) => new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [__filename], {
      env: { ...process.env, HUB_LOG_LEVEL: 'warn', BENCH_SEED_JOB: JSON.stringify({ ...job, agencies }) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`seeding ${agencies.map((a) => a.code).join(',')} exited ${code}: ${errors.slice(-2000)}`))));
  })));
}

if (require.main === module) {
  seedJob(JSON.parse(process.env.BENCH_SEED_JOB!) as SeedJob).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

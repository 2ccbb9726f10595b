process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { runService } from '../shared/process';
import { ShardRegistry } from '../../schema/contracts/shard-registry';
import { loadCatalogueConfig } from './config';
import { createCatalogueRuntime, serveCatalogueReads } from './server';
import { ReplicationMirror } from './services/replication-mirror';

/**
 * One reader process of the catalogue (started by startCatalogueReaders, never by hand): answers
 * the catalogue's reads over its own connection to the database the replicating process writes,
 * with the replication's state that process sends it. It stops when that process goes.
 */
async function main(): Promise<{ stop(): Promise<void> }> {
  const config = loadCatalogueConfig();
  const runtime = await createCatalogueRuntime(config);
  const mirror = new ReplicationMirror();
  process.on('message', (snapshot) => mirror.update(snapshot as Parameters<ReplicationMirror['update']>[0]));
  const registry = new ShardRegistry(config.registryPath);
  registry.watch();
  const running = await serveCatalogueReads(config, runtime, mirror, registry);
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  return {
    async stop() {
      await running.stop();
      registry.close();
      await runtime.orm.close(true);
    },
  };
}

runService(main);

import cluster, { type Worker } from 'node:cluster';
import { extname, join } from 'node:path';
import type { CatalogueConfig } from './config';
import type { Replicator } from './services/replicator';

/**
 * How often the replicating process tells its readers the replication's state. An agency is named
 * stale, or the catalogue ready, at most this much later than the replicating process knows it:
 * nothing next to a stale bound of seconds.
 */
const SNAPSHOT_INTERVAL_MS = 200;
/** Pause before a reader that died is started again. */
const RESTART_AFTER_MS = 1000;

/**
 * Starts `config.readers` reader processes (reader-main) answering the catalogue's reads on one
 * port (Node's cluster hands each new connection to the next reader), each over its own
 * connection to the catalogue's database, which only this process writes; every reader is sent
 * `replicator`'s state (readiness, each agency's freshness) every SNAPSHOT_INTERVAL_MS. A reader
 * that dies after it started is started again; one that fails to start fails the catalogue's start.
 */
export async function startCatalogueReaders(config: CatalogueConfig, replicator: Replicator): Promise<{ url: string; stop(): Promise<void> }> {
  // The reader runs as this file does: compiled JavaScript, or TypeScript through the same loader flags.
  cluster.setupPrimary({ exec: join(__dirname, `reader-main${extname(__filename)}`), serialization: 'advanced' });
  const readers = new Set<Worker>();
  let stopping = false;
  const tell = (reader: Worker) => {
    if (reader.isConnected()) reader.send(replicator.snapshot());
  };
  const ticker = setInterval(() => readers.forEach(tell), SNAPSHOT_INTERVAL_MS);
  ticker.unref();
  const startReader = () => new Promise<number>((listening, failed) => {
    const reader = cluster.fork();
    readers.add(reader);
    let started = false;
    reader.once('online', () => tell(reader));
    reader.once('listening', (address) => {
      started = true;
      listening(address.port);
    });
    reader.once('exit', (code, signal) => {
      readers.delete(reader);
      if (!started) {
        failed(new Error(`a catalogue reader exited (${signal ?? code}) before it was listening`));
      } else if (!stopping) {
        console.error(`catalogue reader ${reader.process.pid} exited (${signal ?? code}); starting another in ${RESTART_AFTER_MS} ms`);
        setTimeout(() => { if (!stopping) startReader().catch((error: Error) => console.error(error.message)); }, RESTART_AFTER_MS).unref();
      }
    });
  });
  const stopReaders = async () => {
    stopping = true;
    clearInterval(ticker);
    // Each reader drains its requests in flight on SIGTERM, then exits.
    await Promise.all([...readers].map((reader) => new Promise<void>((exited) => {
      if (reader.isDead()) return exited();
      reader.once('exit', () => exited());
      reader.process.kill('SIGTERM');
    })));
  };
  try {
    const [port] = await Promise.all(Array.from({ length: config.readers }, startReader));
    return { url: `http://${config.host}:${port}/graphql`, stop: stopReaders };
  } catch (error) {
    await stopReaders();
    throw error;
  }
}

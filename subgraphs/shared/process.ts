import type { Server, ServerResponse } from 'node:http';

/** How long a stopping service lets in-flight requests finish before it cuts them. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

const draining = new WeakSet<Server>();

/**
 * Makes a server stoppable by {@link closeGracefully}; call once, right after creating it. Node
 * closes only the connections idle at `close()`: one answered later would stay open for its
 * keep-alive timeout, so while draining each is closed as soon as its answer is sent.
 */
export function allowGracefulClose(server: Server): void {
  server.on('request', (_req, res: ServerResponse) => {
    if (draining.has(server) && !res.headersSent) res.shouldKeepAlive = false;
    res.once('finish', () => {
      if (draining.has(server)) setImmediate(() => server.closeIdleConnections());
    });
  });
}

/**
 * Stops a server prepared with {@link allowGracefulClose}: no new connections (the listening
 * socket closes at once), idle connections closed, requests in flight answered, and after
 * `graceMs` whatever is still open is cut.
 */
export function closeGracefully(server: Server, graceMs = DEFAULT_SHUTDOWN_GRACE_MS): Promise<void> {
  if (!server.listening) return Promise.resolve();
  draining.add(server);
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
  });
}

/**
 * The life of a service process: run `main`, exit non-zero if it fails to start, and on SIGINT or
 * SIGTERM stop what it started (draining requests in flight), then exit (Hive's runtime catches
 * SIGTERM without exiting, so every service exits itself). A second signal exits at once.
 */
export function runService(main: () => Promise<{ stop(): Promise<void> }>): void {
  main().then(
    (service) => {
      const stop = async () => {
        const now = () => process.exit(1);
        process.once('SIGINT', now);
        process.once('SIGTERM', now);
        try {
          await service.stop();
          process.exit(0);
        } catch (error) {
          console.error(error);
          process.exit(1);
        }
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/**
 * The life of a service process: run `main`, exit non-zero if it fails to start, and on SIGINT or
 * SIGTERM stop what it started, then exit (Hive's runtime catches SIGTERM without exiting, so
 * every service exits itself).
 */
export function runService(main: () => Promise<{ stop(): Promise<void> }>): void {
  main().then(
    (service) => {
      const stop = async () => {
        await service.stop();
        process.exit(0);
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

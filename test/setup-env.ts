// Government networks are closed: no Apollo package may phone home, in tests either.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

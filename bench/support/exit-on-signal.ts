// Preloaded (`--import`) into a proxy started with `--cpu-prof`: Node writes the profile only on a normal exit,
// and NestJS ends on SIGTERM by re-raising the signal, so the benchmark stops a profiled proxy with SIGUSR2.
process.on('SIGUSR2', () => process.exit(0));

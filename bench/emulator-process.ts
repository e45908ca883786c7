// A Plex emulator in a process of its own, so a benchmark's Plex does not share the proxy's CPU time.
// Prints one JSON line {url, token, machineIdentifier} and runs until SIGTERM.
import { startPlexEmulator } from '../emulator/index.js';

const emulator = await startPlexEmulator({ recordRequests: false });
process.stdout.write(`${JSON.stringify({ url: emulator.url, token: emulator.token, machineIdentifier: emulator.machineIdentifier })}\n`);
process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));

// A Plex emulator in a process of its own, so a benchmark's Plex does not share the proxy's CPU time.
// Prints one JSON line {url, token, machineIdentifier} and runs until SIGTERM.
// MEDIA_BYTES in the environment sets the size of the generated media parts (the emulator's `mediaBytes`).
import { startPlexEmulator } from '../emulator/index.js';

const mediaBytes = process.env.MEDIA_BYTES ? Number(process.env.MEDIA_BYTES) : undefined;
const emulator = await startPlexEmulator({ recordRequests: false, mediaBytes });
process.stdout.write(`${JSON.stringify({ url: emulator.url, token: emulator.token, machineIdentifier: emulator.machineIdentifier })}\n`);
process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));

import { enableCompileCache } from 'node:module';

// Node keeps the compiled code of the proxy and its dependencies on disk (NODE_COMPILE_CACHE, else the system's
// temporary folder), so a start after the first parses and compiles far less. It applies to modules loaded after
// this call, hence the dynamic import.
enableCompileCache();
await import('./bootstrap.js');

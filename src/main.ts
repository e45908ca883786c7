import { applyMemoryProfile } from './memory-profile.js';

// V8's heap settings must be in place before the application's modules are loaded, hence the dynamic import.
applyMemoryProfile();
await import('./bootstrap.js');

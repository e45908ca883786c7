import { memoryProfile } from './memory-profile.js';

// V8's heap settings must be in place before the application's modules load, hence the dynamic import.
memoryProfile.beforeStart();
await import('./bootstrap.js');

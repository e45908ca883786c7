// class-transformer keeps its decorators' metadata in a singleton its index does not export (0.5.x: cjs/storage.js).
declare module 'class-transformer/cjs/storage.js' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

  export const defaultMetadataStorage: MetadataStorage;
}

import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';

type DtoClass = new () => object;

/**
 * True when class-transformer would only copy these properties onto a new instance: no `@Type`, `@Transform`,
 * `@Expose` or `@Exclude` on them, and no expose/exclude strategy on the class. For such a DTO and a flat body,
 * `Object.assign(new Dto(), body)` is what `plainToInstance` returns, for a tenth of the work.
 */
export function copiesPlainly(target: DtoClass, properties: readonly string[]): boolean {
  const storage = defaultMetadataStorage;
  if (storage.getStrategy(target) !== 'none') return false;
  return properties.every(
    (property) =>
      !storage.findTypeMetadata(target, property) &&
      storage.findTransformMetadatas(target, property, TransformationType.PLAIN_TO_CLASS).length === 0 &&
      !storage.findExposeMetadata(target, property) &&
      !storage.findExcludeMetadata(target, property),
  );
}

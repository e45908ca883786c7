/**
 * The sizes images are served at: an asked width or height goes up to the next one (at most the largest), so Plex
 * transcodes a few sizes per artwork, not one per odd request, and TV caches share them.
 */
export const IMAGE_SIDES = [90, 120, 180, 240, 360, 480, 540, 720, 1080, 1440, 2160] as const;
export const MAX_IMAGE_SIDE = 4096;

export type ArtworkKind = 'poster' | 'backdrop' | 'logo';

/** The size a card's URL asks for when the client does not choose. */
export const DEFAULT_SIZES: Record<ArtworkKind, { w: number; h: number }> = {
  poster: { w: 360, h: 540 },
  backdrop: { w: 1440, h: 720 },
  logo: { w: 540, h: 180 },
};

export function snapSide(asked: number): number {
  return IMAGE_SIDES.find((side) => side >= asked) ?? IMAGE_SIDES[IMAGE_SIDES.length - 1];
}

/** Which kind of artwork a server path holds (`…/thumb/…`: portrait, `…/art/…`: landscape, `…/clearLogo/…`). */
export function kindOfPath(path: string): ArtworkKind {
  if (/\/art\/\d+$/.test(path)) return 'backdrop';
  if (/\/clearLogo\/\d+$/.test(path)) return 'logo';
  return 'poster';
}

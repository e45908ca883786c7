import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The start line (0-based) of each module esbuild put into a bundle, with the module's path, in line order. */
type Origins = { line: number; path: string }[];

const MODULE_HEADER = /^\/\/ ((?:node_modules|dist)\/\S+)$/;
const byBundle = new Map<string, Origins>();

/**
 * The file a line of an esbuild bundle came from (esbuild heads each module with a `// path` comment), so that
 * profiles of the bundled proxy still name packages and files; any other URL is returned as it is.
 */
export function originOf(url: string, lineNumber: number): string {
  if (!url.endsWith('/dist/bundle/proxy.mjs')) return url;
  let origins = byBundle.get(url);
  if (!origins) {
    origins = readFileSync(fileURLToPath(url), 'utf8')
      .split('\n')
      .flatMap((text, line) => {
        const path = MODULE_HEADER.exec(text)?.[1];
        return path ? [{ line, path }] : [];
      });
    byBundle.set(url, origins);
  }
  let low = 0;
  let high = origins.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (origins[middle].line <= lineNumber) low = middle;
    else high = middle - 1;
  }
  const origin = origins[low];
  return origin && origin.line <= lineNumber ? `/${origin.path}` : url;
}

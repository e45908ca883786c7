import { readFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/** The SDK's types (`src/schema.d.ts`) for an OpenAPI file, exactly as `npm run sdk` writes them. */
export async function renderSdkSchema(openapiYamlPath: string): Promise<string> {
  const ast = await openapiTS(readFileSync(openapiYamlPath, 'utf8'), { silent: true });
  return COMMENT_HEADER + astToString(ast);
}

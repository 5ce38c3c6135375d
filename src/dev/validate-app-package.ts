import { AppManifestUtils } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';

type Manifest = {
  $schema?: string;
  icons?: { color?: string; outline?: string };
  localizationInfo?: { additionalLanguages?: { file: string }[] };
};

/**
 * The bundled localisation schemas carry patterns that are invalid with the `u` flag ajv compiles
 * them with (`\b]` — an unescaped bracket), so ajv refuses the whole schema. Escape the bracket.
 */
async function localizationSchema(url: string): Promise<object> {
  const schema = (await AppManifestUtils.fetchSchema(url)) as { patternProperties?: Record<string, unknown> };
  const patterns = schema.patternProperties ?? {};
  schema.patternProperties = Object.fromEntries(Object.entries(patterns).map(([k, v]) => [k.replace(/\\b\]/g, '\\b\\]'), v]));
  return schema;
}

const ICON_SIZES = { color: 192, outline: 32 } as const;

/** Problems with an icon: its size, and for the outline, anything but white on transparent. */
function iconProblems(kind: keyof typeof ICON_SIZES, name: string, data: Uint8Array): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(data));
  } catch (err) {
    return [`${name}: not a PNG (${(err as Error).message})`];
  }
  const size = ICON_SIZES[kind];
  if (png.width !== size || png.height !== size) return [`${name}: is ${png.width}×${png.height}, must be ${size}×${size}`];
  if (kind === 'color') return [];
  let transparent = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] === 0) transparent += 1;
    else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured += 1;
  }
  const problems: string[] = [];
  if (coloured > 0) problems.push(`${name}: ${coloured} visible pixels are not white`);
  if (transparent === 0) problems.push(`${name}: has no transparent background`);
  if (transparent === size * size) problems.push(`${name}: is empty`);
  return problems;
}

/**
 * Everything wrong with a Teams app package, checked offline: the manifest and its localisation
 * files against the official schemas bundled in @microsoft/app-manifest, the files they name, and
 * the icons' sizes and colours. An empty list means the package is valid.
 */
export async function validateAppPackage(files: Record<string, Uint8Array>): Promise<string[]> {
  const text = (name: string) => new TextDecoder().decode(files[name]);
  if (!files['manifest.json']) return ['manifest.json: missing'];
  const manifest = JSON.parse(text('manifest.json')) as Manifest;
  if (!manifest.$schema?.startsWith('https://developer.microsoft.com/json-schemas/teams/')) {
    return ['manifest.json: $schema must be an official developer.microsoft.com schema (it is validated offline)'];
  }
  const problems = (await AppManifestUtils.validateAgainstSchema(manifest as never)).map((p) => `manifest.json: ${p}`);
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    if (!files[file]) {
      problems.push(`${file}: named in localizationInfo but not in the package`);
      continue;
    }
    const localized = JSON.parse(text(file)) as Manifest;
    if (!localized.$schema) {
      problems.push(`${file}: $schema is missing`);
      continue;
    }
    const schema = await localizationSchema(localized.$schema);
    problems.push(...(await AppManifestUtils.validateAgainstSchema(localized as never, schema as never)).map((p) => `${file}: ${p}`));
  }
  for (const kind of ['color', 'outline'] as const) {
    const name = manifest.icons?.[kind];
    if (!name) continue; // the schema already reports it
    const data = files[name];
    problems.push(...(data ? iconProblems(kind, name, data) : [`${name}: named as the ${kind} icon but not in the package`]));
  }
  return problems;
}

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strToU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/messages.ts';
import { validateAppPackage } from '../../src/dev/validate-app-package.ts';
import { appPackageFiles, MANIFEST_COMMANDS, packageSettings, type PackageSettings } from '../../src/teams-app/package.ts';

const BOT_ID = '3f2c9a10-5b7d-4e2a-9c1f-0a1b2c3d4e5f';
const SETTINGS: PackageSettings = { botId: BOT_ID, teamsAppId: BOT_ID, baseUrl: 'https://council.example.org', version: '0.1.0' };

const json = (data: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>;
type Manifest = {
  id: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  staticTabs: { contentUrl: string }[];
  validDomains: string[];
};

describe('Teams app package', () => {
  it('validates offline against the official schema, with the ids, host and command menus filled in', async () => {
    const files = appPackageFiles(SETTINGS);
    expect(await validateAppPackage(files)).toEqual([]);
    const manifest = json(files['manifest.json']) as unknown as Manifest;
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.bots[0]!.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.staticTabs[0]!.contentUrl).toBe('https://council.example.org/tab?inTeams=1');
    expect(manifest.validDomains).toEqual(['council.example.org']);
    // The menus say what the bot understands, in each language.
    const titles = manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title);
    expect(titles).toContain('next meeting');
    expect(titles).toHaveLength(MANIFEST_COMMANDS.length);
    const sv = json(files['sv.json']);
    expect(sv['bots[0].commandLists[0].commands[0].title']).toBe(t('sv', 'command.next.name'));
    expect(json(files['da.json'])['bots[0].commandLists[1].commands[3].title']).toBe(t('da', 'command.propose.name'));
  });

  it('has icons of the right size, the outline white on transparent', () => {
    const color = PNG.sync.read(readFileSync('manifest/color.png'));
    const outline = PNG.sync.read(readFileSync('manifest/outline.png'));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    const alphas = new Set<number>();
    for (let i = 0; i < outline.data.length; i += 4) {
      const a = outline.data[i + 3]!;
      alphas.add(a);
      if (a > 0) expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(alphas.has(0)).toBe(true);
    expect(alphas.has(255)).toBe(true);
  });

  it('reports what is wrong: schema errors in the manifest and its localisations, and bad icons', async () => {
    const files = appPackageFiles(SETTINGS);
    const manifest = json(files['manifest.json']);
    delete manifest.developer;
    const sv = { ...json(files['sv.json']), 'name.short': 'Ett namn som är alldeles för långt för Teams' };
    const grey = new PNG({ width: 32, height: 32 });
    grey.data.fill(128);
    const problems = await validateAppPackage({
      ...files,
      'manifest.json': strToU8(JSON.stringify(manifest)),
      'sv.json': strToU8(JSON.stringify(sv)),
      'outline.png': PNG.sync.write(grey),
      'color.png': files['outline.png']!,
    });
    expect(problems.some((p) => p.startsWith('manifest.json:') && p.includes('developer'))).toBe(true);
    expect(problems.some((p) => p.startsWith('sv.json:') && p.includes('name.short'))).toBe(true);
    expect(problems).toContain('outline.png: 1024 visible pixels are not white');
    expect(problems).toContain('outline.png: has no transparent background');
    expect(problems).toContain('color.png: is 32×32, must be 192×192');
  });

  it('takes its settings from the environment and refuses bad ones', () => {
    const { settings, warnings } = packageSettings({ MicrosoftAppId: BOT_ID.toUpperCase(), PUBLIC_BASE_URL: 'https://council.example.org/' });
    expect(settings).toMatchObject({ botId: BOT_ID, teamsAppId: BOT_ID, baseUrl: 'https://council.example.org' });
    expect(warnings).toEqual([]);
    expect(packageSettings({}).warnings).toHaveLength(2);
    expect(() => packageSettings({ MicrosoftAppId: 'my-bot' })).toThrow(/MicrosoftAppId: must be a GUID/);
    expect(() => packageSettings({ PUBLIC_BASE_URL: 'javascript:alert(1)' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('`npm run package` writes a zip whose manifest validates', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'package-'));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/dev/package-app.ts', '--out', out], {
      env: { PATH: process.env.PATH ?? '', MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: 'https://council.example.org' },
    });
    expect(stdout).toMatch(/wrote .*council-bot\.zip/);
    const zip = unzipSync(readFileSync(path.join(out, 'council-bot.zip')));
    expect(Object.keys(zip).sort()).toEqual(['color.png', 'da.json', 'manifest.json', 'outline.png', 'sv.json']);
    expect((json(zip['manifest.json']) as unknown as Manifest).bots[0]!.botId).toBe(BOT_ID);
    expect(await validateAppPackage(zip)).toEqual([]);
  });
});

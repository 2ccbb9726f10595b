import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jwtVerify } from 'jose';
import { loadGatewayConfig } from '../gateway/config';

const ROOT = resolve(__dirname, '..');

/** The command `npm run <script>` runs, from package.json. */
function scriptOf(name: string): string[] {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  return scripts[name].split(' ');
}

describe('issue 10: the command-line tools never touch a running hub\'s files', () => {
  it.each(['token', 'api-key', 'catalogue'])('npm run %s runs the sources, without rebuilding dist/', (name) => {
    const command = scriptOf(name);
    expect(command[0]).toBe('node');
    expect(command).not.toContain('build');
    expect(command.join(' ')).not.toMatch(/dist\//);
  });

  it('prints a token for the data folder the hub runs with, leaving dist/ as it was', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-token-'));
    const dist = join(ROOT, 'dist');
    const before = existsSync(dist) ? statSync(dist).mtimeMs : undefined;
    try {
      const [node, ...args] = scriptOf('token');
      const token = execFileSync(node === 'node' ? process.execPath : node, [...args, '--role', 'editor', '--agency', 'fjdrc'], {
        cwd: ROOT, env: { ...process.env, HUB_DATA_DIR: dataDir, NODE_OPTIONS: '' }, encoding: 'utf8',
      }).trim();
      // The gateway of that data folder accepts it.
      const secret = loadGatewayConfig({ HUB_DATA_DIR: dataDir }).jwtSecret!;
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secret));
      expect(payload).toMatchObject({ roles: ['editor'], agency: 'fjdrc' });
      expect(existsSync(dist) ? statSync(dist).mtimeMs : undefined).toBe(before);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

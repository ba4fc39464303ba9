import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { Command } from 'commander';
import { buildProgram, run } from '../src/cli/main';
import { fabricClient } from './support/fabric';
import { freePort } from './support/processes';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';

const MAIN = path.resolve(__dirname, '../src/cli/main.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the compiled `fabric` in a child process (stdout is a pipe, so watch prints lines). */
function fabric(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { env: { PATH: process.env.PATH, HOME: '/nonexistent', ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('The fabric CLI against a running service', () => {
  let t: TestApp;
  let env: Record<string, string>;
  const cli = (...args: string[]) => fabric(args, env);

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.001' });
    env = { FABRIC_URL: t.baseUrl, FABRIC_API_KEY: TEST_ADMIN_KEY };
  });
  after(async () => {
    // Connections of event streams the CLI let go of would otherwise hold the close open.
    t?.app.getHttpServer().closeAllConnections();
    await t?.close();
  });

  it('registers and lists hosts, in table, JSON and YAML, with exit code 0', async () => {
    const registered = await cli(
      'hosts',
      'register',
      'hv-cli',
      '--address',
      '10.1.0.1',
      '--os',
      'WS2016',
      '--processors',
      '16',
      '--memory',
      '65536',
    );
    expect(registered).toMatchObject({ code: 0, stderr: '' });
    expect(registered.stdout).toMatch(new RegExp(`^registered host hv-cli ${UUID}\\n$`));

    const table = await cli('hosts', 'list');
    expect(table.code).toBe(0);
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['ID', 'NAME', 'OS', 'STATE', 'CLUSTER', 'MEMORY MB']);
    expect(row.split(/\s{2,}/).slice(1)).toEqual(['hv-cli', 'WS2016', 'Up', '-', '0/65536']);

    const json = await cli('hosts', 'list', '-o', 'json');
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ name: 'hv-cli', osVersion: 'WS2016', state: 'Up' })]);
    const yaml = await cli('host', 'show', 'hv-cli', '--output', 'yaml');
    expect(yaml.stdout).toContain('name: hv-cli\n');
    expect(yaml.stdout).toContain('osVersion: WS2016\n');
  });

  it("shows a refused command's problem code and detail on one line, with exit code 3", async () => {
    const refused = await cli(
      'hosts',
      'register',
      'hv-noslat',
      '--address',
      '10.1.0.2',
      '--os',
      'WS2016',
      '--no-slat',
      '--processors',
      '4',
      '--memory',
      '8192',
    );
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^error: SLAT_REQUIRED \(409\): .*SLAT.*\n$/);

    const unknown = await cli('vms', 'start', 'no-such-vm');
    expect(unknown).toMatchObject({ code: 3, stderr: 'error: NOT_FOUND (404): no VM named no-such-vm\n' });
  });

  it('answers bad arguments and missing configuration with one line and exit code 2, sending nothing', async () => {
    const badNumber = await cli('vms', 'create', 'x', '--tenant', 't', '--host', 'hv-cli', '--memory', 'lots');
    expect(badNumber).toMatchObject({ code: 2, stdout: '' });
    expect(badNumber.stderr).toBe("error: option '--memory <MB>' argument 'lots' is invalid. must be a whole number\n");

    const unknownCommand = await cli('vms', 'explode');
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toBe("error: unknown command 'explode'\n");

    const both = await cli('vms', 'create', 'x', '--tenant', 't');
    expect(both).toMatchObject({ code: 2, stderr: 'fabric: give exactly one of --host and --cluster\n' });

    const unconfigured = await fabric(['hosts', 'list'], {});
    expect(unconfigured.code).toBe(2);
    expect(unconfigured.stderr).toMatch(/^fabric: no service URL: set FABRIC_URL, pass --url, or add a profile to .*\n$/);

    const hosts = await fabricClient(t).get('/v1/hosts');
    expect(hosts.items.map((h) => h.name)).toEqual(['hv-cli']);
  });

  it('reports an unreachable service with one line and exit code 4', async () => {
    const port = await freePort();
    const result = await fabric(['hosts', 'list'], { FABRIC_URL: `http://127.0.0.1:${port}`, FABRIC_API_KEY: TEST_ADMIN_KEY });
    expect(result).toMatchObject({ code: 4, stdout: '', stderr: `error: cannot reach http://127.0.0.1:${port}: ECONNREFUSED\n` });
  });

  it('has --help on every command', async () => {
    const paths: string[][] = [];
    const walk = (command: Command, prefix: string[]) => {
      for (const sub of command.commands) {
        paths.push([...prefix, sub.name()]);
        walk(sub, [...prefix, sub.name()]);
      }
    };
    walk(buildProgram(), []);
    expect(paths.length).toBeGreaterThan(60);
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      for (const commandPath of paths) {
        written.length = 0;
        expect(await run([...commandPath, '--help'])).toBe(0);
        expect(written.join('')).toContain(`Usage: fabric ${commandPath.join(' ')}`);
      }
    } finally {
      process.stdout.write = write;
    }
  });

  it('runs a rolling cluster upgrade to a raised functional level, watched in a pipe one line per change', async () => {
    for (const [name, address] of [
      ['ru-01', '10.2.0.1'],
      ['ru-02', '10.2.0.2'],
      ['ru-03', '10.2.0.3'],
    ]) {
      const registered = await cli(
        'hosts',
        'register',
        name,
        '--address',
        address,
        '--os',
        'WS2012R2',
        '--processors',
        '16',
        '--memory',
        '65536',
      );
      expect(registered.code).toBe(0);
    }
    const created = await cli('clusters', 'create', 'CLU-RU', '--node', 'ru-01', 'ru-02', 'ru-03');
    expect(created.stdout).toMatch(new RegExp(`^create-cluster Succeeded: cluster ${UUID} \\(job ${UUID}\\)\\n$`));
    for (const vm of ['app01', 'app02']) {
      expect((await cli('vms', 'create', vm, '--tenant', 'contoso', '--cluster', 'CLU-RU', '--config-version', '5.0')).code).toBe(
        0,
      );
      const started = await cli('vms', 'start', vm);
      expect(started.stdout).toMatch(/^start-vm Succeeded: vm /);
    }

    const plan = await cli('upgrades', 'plan', 'CLU-RU', '--to', 'WS2016', '--raise-level');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('Rolling upgrade of CLU-RU to WS2016\nfunctional level 8 -> 9 after the last node\n');
    expect(plan.stdout).toMatch(/#\s+NODE\s+FROM\s+STATE\s+ACTION\s+RUNNING VMS\s+VM MOVES\s+ESTIMATE/);
    expect(plan.stdout).toContain('blockers: none\n');

    const watched = await cli('upgrades', 'start', 'CLU-RU', '--to', 'WS2016', '--raise-level', '--watch');
    expect(watched.stderr).toBe('');
    expect(watched.code).toBe(0);
    const lines = watched.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^rolling upgrade ${UUID} Running$`));
    expect(lines.at(-1)).toMatch(new RegExp(`^rolling upgrade ${UUID} Completed: \\d+ VM moves, functional level raised$`));
    for (const node of ['ru-01', 'ru-02', 'ru-03']) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${node}: Completed(, \\d VMs moved)? \\(5/5\\)$`)));
    }
    expect(lines).toContainEqual('upgrade to WS2016: Completed (3/3)');
    expect(lines).toContainEqual('  raise-functional-level: Succeeded');
    // One line per change: no line repeats the one before it for the same item.
    expect(lines.filter((line, i) => lines.indexOf(line) !== i && !line.startsWith('    VM moves'))).toEqual([]);

    const cluster = JSON.parse((await cli('clusters', 'show', 'CLU-RU', '-o', 'json')).stdout);
    expect(cluster).toMatchObject({ functionalLevel: 9, mixedMode: false });
    expect(cluster.nodes.map((n: { osVersion: string }) => n.osVersion)).toEqual(['WS2016', 'WS2016', 'WS2016']);
  });
});

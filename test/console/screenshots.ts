import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Page } from 'playwright-core';
import { launchChromium, openConsole } from '../support/browser';
import { FabricBuilder } from '../support/fabric-builder';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';
import { eventually, startTestApp, TEST_ADMIN_KEY } from '../support/test-app';

/**
 * `npm run console:screenshots`: builds a small fabric on a throw-away database (two clusters,
 * tenants, checkpoints, a rolling upgrade in flight) and saves each main page of the console to
 * docs/console/*.png for the README.
 */
const OUT = path.resolve(__dirname, '../../../docs/console');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  process.stdout.write(`docs/console/${name}.png\n`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await globalSetup();
  const t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '1000' });
  const browser = await launchChromium();
  try {
    const fabric = new FabricBuilder(t);
    const prod = await fabric.cluster('HV-PROD01', 4, 'WS2012R2');
    const dev = await fabric.cluster('HV-DEV01', 3, 'WS2016');
    await fabric.host('HV-EDGE01', 'WS2016');
    const tenants = ['contoso', 'fabrikam', 'northwind'];
    const roles = ['web', 'sql', 'app', 'dc', 'file'];
    let showcase = '';
    for (let i = 0; i < 14; i++) {
      const tenant = tenants[i % tenants.length];
      const id = await fabric.vm({
        name: `${tenant}-${roles[i % roles.length]}${String(i + 1).padStart(2, '0')}`,
        tenant,
        clusterId: i % 3 === 2 ? dev.clusterId : prod.clusterId,
        memoryMb: 2048 + (i % 4) * 1024,
        start: i % 5 !== 4,
      });
      if (i === 1) showcase = id;
    }
    const { client } = fabric;
    const vm = { params: { path: { id: showcase } } };
    await client.command('post', '/v1/vms/{id}/checkpoints', { ...vm, body: { name: 'Before SQL CU 14' } });
    await client.command('post', '/v1/vms/{id}/checkpoints', { ...vm, body: { name: 'After SQL CU 14' } });
    const tree = await client.get('/v1/vms/{id}/checkpoints', vm);
    await client.command('post', '/v1/vms/{id}/checkpoints/{checkpointId}/apply', {
      params: { path: { id: showcase, checkpointId: tree.checkpoints[0].id } },
    });
    await client.command('post', '/v1/vms/{id}/checkpoints', { ...vm, body: { name: 'Test branch' } });
    await client.command('post', '/v1/vms/{id}/start', vm);
    // One failed job for the overview: a start refused by the simulated host.
    const stopped = (await client.get('/v1/vms', { params: { query: { state: 'Off', limit: 1 } } })).items[0];
    await client.put('/v1/simulator/faults', { body: { hostId: stopped.hostId!, failOperations: ['start-vm'] } });
    const failing = await client.command(
      'post',
      '/v1/vms/{id}/start',
      { params: { path: { id: stopped.id } } },
      { allowFailure: true },
    );
    if (failing.job?.status !== 'Failed') throw new Error(`expected the start to fail, it ended ${failing.job?.status}`);
    await client.delete('/v1/simulator/faults');

    const page = await openConsole(browser, t.baseUrl, TEST_ADMIN_KEY);
    await page.getByTestId('cluster-capacity').getByText('HV-PROD01').waitFor();
    await shoot(page, 'overview');

    await page.goto(`${t.baseUrl}/#/clusters/${prod.clusterId}`);
    await page.getByTestId('nodes').waitFor();
    await page.locator('tr[data-node="HV-PROD01-n1"] .disclosure').click();
    await page.getByRole('button', { name: 'Check what raising it needs' }).click();
    await page.getByTestId('functional-level-verdict').waitFor();
    await shoot(page, 'cluster');

    await page.goto(`${t.baseUrl}/#/vms`);
    await page.locator('[data-vm]').first().waitFor();
    await page.locator('[data-vm] input[type=checkbox]').nth(1).check();
    await page.locator('[data-vm] input[type=checkbox]').nth(2).check();
    await shoot(page, 'vms');

    await page.goto(`${t.baseUrl}/#/vms/${showcase}`);
    await page.getByTestId('checkpoint-now').waitFor();
    await page.getByRole('button', { name: 'Earlier' }).click();
    await page.getByRole('button', { name: 'Earlier' }).click();
    await page.getByTestId('time-travel-banner').waitFor();
    await shoot(page, 'vm');

    await page.goto(`${t.baseUrl}/#/upgrades`);
    await page.locator('select[name=cluster]').selectOption(prod.clusterId);
    await page.getByRole('button', { name: 'Plan (dry run)' }).click();
    await page.getByTestId('plan').waitFor();
    await shoot(page, 'upgrade-plan');
    await page.getByRole('button', { name: 'Start upgrade' }).click();
    await page.getByRole('button', { name: /^Start: / }).click();
    await page.getByTestId('upgrade-page').waitFor();
    await page.locator('tr[data-node-state="Completed"]').nth(1).waitFor({ timeout: 180_000 });
    await shoot(page, 'upgrade-running');

    await page.goto(`${t.baseUrl}/#/jobs`);
    await page.locator('tr[data-job="drain-node"]').first().waitFor();
    await page.locator('tr[data-job="drain-node"] .disclosure').first().click();
    await shoot(page, 'jobs');

    await page.goto(`${t.baseUrl}/#/audit`);
    await page.getByTestId('audit-events').waitFor();
    await shoot(page, 'audit');

    const upgrades = await client.get('/v1/rolling-upgrades');
    await eventually(
      async () =>
        (await client.get('/v1/rolling-upgrades/{id}', { params: { path: { id: upgrades.items[0].id } } })).state === 'Completed'
          ? true
          : undefined,
      180_000,
      'the upgrade to finish before shutting down',
    );
  } finally {
    await browser.close();
    await t.close();
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);

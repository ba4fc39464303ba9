import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Browser } from 'playwright-core';
import { launchChromium, openConsole } from './support/browser';
import { FabricBuilder } from './support/fabric-builder';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';

const NODE_STEPS = ['drain', 'evict', 'reinstall', 'add', 'resume'];

describe('a rolling upgrade planned and followed in the console', () => {
  let t: TestApp;
  let browser: Browser;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.0005', HEALTH_PROBE_MS: '200' });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it("plans a 3-node upgrade, starts it, and draws every node's steps until all have completed", async () => {
    const fabric = new FabricBuilder(t);
    await fabric.cluster('HV-OTHER', 2, 'WS2016');
    const { clusterId } = await fabric.cluster('HV-RU01', 3, 'WS2012R2');
    await fabric.vm({ name: 'ru-web01', tenant: 'contoso', clusterId, memoryMb: 2048, start: true });
    await fabric.vm({ name: 'ru-sql01', tenant: 'contoso', clusterId, memoryMb: 4096, start: true });

    const page = await openConsole(browser, t.baseUrl, TEST_ADMIN_KEY, '/upgrades');
    await page.locator('select[name=cluster]').selectOption(clusterId);
    await page.locator('select[name=target]').selectOption('WS2016');
    await page.getByRole('button', { name: 'Plan (dry run)' }).click();
    const plan = page.getByTestId('plan');
    for (const node of ['HV-RU01-n1', 'HV-RU01-n2', 'HV-RU01-n3']) await plan.locator(`tr[data-plan-node="${node}"]`).waitFor();
    expect(await page.getByTestId('plan-blockers').count()).toBe(0);
    await plan.getByText('8 → 9').waitFor();

    await page.getByRole('button', { name: 'Start upgrade' }).click();
    await page.getByRole('button', { name: 'Start: 3 nodes to WS2016' }).click();
    await page.getByTestId('upgrade-page').waitFor();
    await page.getByTestId('upgrade-state').getByText('Completed').waitFor({ timeout: 180_000 });

    const nodes = page.getByTestId('upgrade-nodes');
    for (const node of ['HV-RU01-n1', 'HV-RU01-n2', 'HV-RU01-n3']) {
      const row = nodes.locator(`tr[data-upgrade-node="${node}"]`);
      await row.locator('[data-state="Completed"]').waitFor();
      const steps = await row
        .locator('[data-step]')
        .evaluateAll((tags) => tags.map((tag) => `${tag.getAttribute('data-step')}:${tag.getAttribute('data-step-status')}`));
      expect(steps).toEqual(NODE_STEPS.map((step) => `${step}:Succeeded`));
      // The time axis has a bar per step of the node.
      expect(await page.locator(`.spanchart [data-row="${node}"] [data-status="Succeeded"]`).count()).toBe(NODE_STEPS.length);
    }
    await page.locator('.spanchart [data-row="cluster"] [data-step="raise-functional-level"][data-status="Succeeded"]').waitFor();
    expect(await page.getByTestId('steering').count()).toBe(0);

    const upgrades = await fabric.client.get('/v1/rolling-upgrades', { params: { query: { clusterId } } });
    expect(upgrades.items.map((upgrade) => upgrade.state)).toEqual(['Completed']);
  });
});

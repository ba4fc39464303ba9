import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Browser, Page } from 'playwright-core';
import { launchChromium, openConsole } from './support/browser';
import { FabricBuilder } from './support/fabric-builder';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';

describe('the console in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let fabric: FabricBuilder;
  let clusterId: string;
  let nodeIds: string[];
  const pages: Page[] = [];

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.001', HEALTH_PROBE_MS: '500' });
    fabric = new FabricBuilder(t);
    ({ clusterId, nodeIds } = await fabric.cluster('HV-CLU01', 2));
    await fabric.host('HV-STANDALONE', 'WS2016');
    await fabric.vm({ name: 'contoso-web01', tenant: 'contoso', clusterId, start: true });
    await fabric.vm({ name: 'fabrikam-sql01', tenant: 'fabrikam', clusterId, start: true });
    browser = await launchChromium();
  });

  after(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function open(key: string, path = '/'): Promise<Page> {
    const page = await openConsole(browser, t.baseUrl, key, path);
    pages.push(page);
    return page;
  }

  it('serves the console at / and leaves unknown paths to the API as problem+json', async () => {
    const index = await fetch(`${t.baseUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('<div id="root"></div>');
    const unknown = await fetch(`${t.baseUrl}/no-such-page`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('refuses a wrong key at sign-in and says why', async () => {
    const page = await browser.newPage();
    pages.push(page);
    await page.goto(`${t.baseUrl}/`);
    await page.getByLabel('API key').fill('fm_not-a-key-0000000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The API key is unknown or revoked').waitFor();
  });

  it('signs in with a key, keeps it for the tab, and shows the fabric the test built on the overview', async () => {
    const page = await open(TEST_ADMIN_KEY);
    await page.getByTestId('whoami').getByText('admin', { exact: true }).waitFor();
    await page.getByTestId('live-state').getByText('Live').waitFor();
    await page.getByTestId('stat-hosts').locator('.stat-value').getByText('3', { exact: true }).waitFor();
    await page.getByTestId('stat-clusters').locator('.stat-value').getByText('1', { exact: true }).waitFor();
    await page.getByTestId('stat-vms').locator('.stat-value').getByText('2', { exact: true }).waitFor();
    await page.getByTestId('cluster-capacity').getByRole('link', { name: 'HV-CLU01' }).waitFor();
    await page.getByTestId('cluster-capacity').getByText('2 of 2').waitFor();

    // A reload stays signed in: the key lives in the tab's session storage.
    await page.reload();
    await page.getByTestId('overview').waitFor();
    await page.getByTestId('cluster-capacity').getByRole('link', { name: 'HV-CLU01' }).click();
    const nodes = page.getByTestId('nodes');
    await nodes.locator('tr[data-node="HV-CLU01-n1"]').getByText('Up').waitFor();
    await nodes.locator('tr[data-node="HV-CLU01-n2"]').getByText('Up').waitFor();
  });

  it('starts a VM from its page and follows its job to Succeeded', async () => {
    const vmId = await fabric.vm({ name: 'contoso-app02', tenant: 'contoso', clusterId });
    const page = await open(TEST_ADMIN_KEY, `/vms/${vmId}`);
    await page.getByTestId('vm-page').getByRole('heading', { name: 'contoso-app02' }).waitFor();
    await page.getByTestId('config-state').getByText('Off', { exact: true }).waitFor();
    await page.getByTestId('power-actions').getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('link', { name: 'Open job' }).click();
    await page.getByTestId('job-page').getByRole('heading', { name: 'start-vm' }).waitFor();
    await page.getByTestId('job-status').getByText('Succeeded').waitFor();
    await page.getByRole('link', { name: /^vm / }).click();
    // The stream brings the VM's new state without a reload.
    await page.getByTestId('config-state').getByText('Running', { exact: true }).waitFor();
    expect((await fabric.client.get('/v1/vms/{id}', { params: { path: { id: vmId } } })).state).toBe('Running');
  });

  it('shows a vm-operator only its tenants, and an auditor no action buttons', async () => {
    const operator = await open(await t.createKey('vm-operator', ['fabrikam']), '/vms');
    await operator.locator('[data-vm="fabrikam-sql01"]').waitFor();
    expect(await operator.locator('[data-vm]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-vm')))).toEqual([
      'fabrikam-sql01',
    ]);
    expect(await operator.getByRole('link', { name: 'Clusters and hosts' }).count()).toBe(0);
    expect(await operator.getByRole('link', { name: 'Audit' }).count()).toBe(0);

    const auditor = await open(await t.createKey('auditor'), '/vms');
    await auditor.locator('[data-vm="contoso-web01"]').getByRole('link').click();
    await auditor.getByTestId('configuration').waitFor();
    await auditor.getByTestId('checkpoints').waitFor();
    expect(await auditor.getByTestId('power-actions').count()).toBe(0);
    expect(await auditor.getByTestId('bulk-bar').count()).toBe(0);
    expect(await auditor.locator('main button', { hasText: /Start|Apply|Delete|Shut down/ }).count()).toBe(0);
  });

  it('applies a checkpoint from the tree and the VM comes back to it', async () => {
    const vmId = await fabric.vm({ name: 'contoso-cp01', tenant: 'contoso', hostId: nodeIds[0], memoryMb: 1024 });
    const vm = { params: { path: { id: vmId } } };
    await fabric.client.command('post', '/v1/vms/{id}/checkpoints', { ...vm, body: { name: 'Before patching' } });
    await fabric.client.command('put', '/v1/vms/{id}/memory', { ...vm, body: { startupMb: 2048 } });
    await fabric.client.command('post', '/v1/vms/{id}/checkpoints', { ...vm, body: { name: 'After patching' } });

    const page = await open(TEST_ADMIN_KEY, `/vms/${vmId}`);
    await page.getByTestId('config-memory').getByText('2.0 GB static').waitFor();
    const tree = page.getByTestId('checkpoints');
    const before = tree.locator('li[data-checkpoint="Before patching"]');
    // The tree: "After patching" is a child of "Before patching", and "Now" hangs under it.
    await before.locator('li[data-checkpoint="After patching"] [data-testid="checkpoint-now"]').waitFor();
    await before.locator('> .cpnode').getByRole('button', { name: 'Apply' }).click();
    await before.locator('> .cpnode').getByRole('button', { name: 'Confirm apply' }).click();
    await page.getByTestId('config-memory').getByText('1.0 GB static').waitFor();
    await before.locator('> ul > [data-testid="checkpoint-now"]').waitFor();
    expect((await fabric.client.get('/v1/vms/{id}', vm)).memory).toEqual({ startupMb: 1024, dynamic: null, demandMb: null });
  });

  it('travels a VM back to before a change, and back to now', async () => {
    const vmId = await fabric.vm({ name: 'contoso-tt01', tenant: 'contoso', hostId: nodeIds[1], memoryMb: 1024 });
    await fabric.client.command('put', '/v1/vms/{id}/processor', { params: { path: { id: vmId } }, body: { processorCount: 4 } });
    const history = await fabric.client.get('/v1/{kind}/{id}/history', {
      params: { path: { kind: 'vms', id: vmId }, query: { limit: 500 } },
    });
    const events = history.items;
    const firstOfChange = events.findIndex((event) => /Processor/.test(event.type));
    expect(firstOfChange).toBeGreaterThan(0);
    const before = events[firstOfChange - 1];

    const page = await open(TEST_ADMIN_KEY, `/vms/${vmId}`);
    await page.getByTestId('config-processors').getByText('4', { exact: true }).waitFor();
    await page.getByTestId('time-travel-label').getByText(/^Now/).waitFor();
    // Counted from the first event, so events appended meanwhile do not move the target.
    const slider = page.getByRole('slider', { name: "Point in the VM's history" });
    await slider.focus();
    await slider.press('Home');
    for (let i = 0; i < firstOfChange - 1; i++) await slider.press('ArrowRight');
    await page.getByTestId('time-travel-banner').getByText(`position ${before.globalPosition}`).waitFor();
    await page.getByTestId('time-travel-label').getByText(before.type).waitFor();
    await page.getByTestId('config-processors').getByText('2', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Back to now' }).click();
    await page.getByTestId('config-processors').getByText('4', { exact: true }).waitFor();
    expect(await page.getByTestId('time-travel-banner').count()).toBe(0);
  });
});

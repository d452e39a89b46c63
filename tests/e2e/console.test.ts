/**
 * The URP console in a real browser (issue 6): Debian's chromium, driven by playwright-core,
 * against the built admin panel served by the test's own Strapi, with a real SMTP server.
 * The demo municipality is seeded first, so the screenshots in tests/artifacts/ show real pages.
 */
import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import path from 'path';
import { createCitizen, createOffice, createReport, createTopic } from '../helpers/fixtures';
import { TestSmtp } from '../helpers/smtp';
import { createStaffUser, createTeam, type StaffUser } from '../helpers/staff';
import { startServedStrapi } from './app';
import { choose, chromiumAvailable, launch, screenshot, signIn } from './browser';

const PASSWORD = 'Str0ngPassw0rd!'; // tests/helpers/staff.ts
const dist = path.resolve(__dirname, '..', '..', 'dist', 'src');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { seedDemo } = require(path.join(dist, 'seed', 'demo')) as {
  seedDemo(strapi: Core.Strapi): Promise<void>;
};

const REPORT = 'api::report.report';
const smtp = new TestSmtp();
let strapi: Core.Strapi;
let base: string;
let browser: Browser;
const users: Record<string, StaffUser> = {};
let citizenEmail: string;
let teamName: string;
let teamId: string;
const codes: Record<string, string> = {};

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stepReport(documentId: string, steps: string[]) {
  for (const state of steps) {
    await strapi.documents(REPORT).update({ documentId, data: { state } as never });
  }
}

async function page(who: StaffUser, name: string): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  p.setDefaultTimeout(30_000);
  await signIn(p, base, who.email, PASSWORD);
  p.on('pageerror', (e) => process.stdout.write(`[${name}] page error: ${e.message}\n`));
  return p;
}

const suite = chromiumAvailable() ? describe : describe.skip;
if (!chromiumAvailable()) {
  // Said once, loudly: the browser suite needs Debian's chromium (.ci/run installs it).
  process.stdout.write('e2e: /usr/bin/chromium is missing; the browser suite is skipped\n');
}

suite('URP console in a real browser', () => {
  beforeAll(async () => {
    process.env.OUTBOX_DISPATCH_ON_COMMIT = 'true';
    await smtp.startForApp();
    ({ strapi, base } = await startServedStrapi());
    await seedDemo(strapi);

    const office = await createOffice(strapi, { name: 'Ufficio Strade (e2e)' });
    const elsewhere = await createOffice(strapi, { name: 'Ufficio Verde (e2e)' });
    const topic = await createTopic(strapi, office.documentId);
    const otherTopic = await createTopic(strapi, elsewhere.documentId);
    users.operator = await createStaffUser(strapi, {
      roles: ['bc-urp-operator'],
      firstname: 'Olga',
      lastname: 'Operatrice',
    });
    users.coordinator = await createStaffUser(strapi, {
      roles: ['bc-office-coordinator'],
      offices: [office.documentId],
      firstname: 'Carlo',
      lastname: 'Coordinatore',
    });
    users.technician = await createStaffUser(strapi, { roles: ['bc-technician'] });
    // A second operator for the listening pages: Strapi allows an address only a few sign-ins a
    // minute, and the operator above already signs in once per page.
    users.listener = await createStaffUser(strapi, {
      roles: ['bc-urp-operator'],
      firstname: 'Lia',
      lastname: 'Ascolto',
    });
    users.editor = await createStaffUser(strapi, {
      roles: ['bc-editor'],
      firstname: 'Elena',
      lastname: 'Redattrice',
    });
    const team = await createTeam(strapi, office.documentId, {
      baseLatitude: 43.7085,
      baseLongitude: 10.3966,
      members: [users.technician.id],
    });
    teamName = team.name;
    teamId = team.documentId;
    const citizen = await createCitizen(strapi);
    citizenEmail = citizen.email;

    const mine = await createReport(strapi, {
      topic: topic.documentId,
      citizen: citizen.documentId,
      description: 'Lampione spento in via e2e, la strada è al buio',
    });
    await stepReport(mine.documentId, ['triaged']);
    codes.mine = mine.referenceCode;
    const theirs = await createReport(strapi, {
      topic: otherTopic.documentId,
      description: "Siepe che invade il marciapiede nell'altro ufficio",
    });
    codes.theirs = theirs.referenceCode;
    for (const [i, spot] of [
      [43.7161, 10.4017],
      [43.7132, 10.4089],
    ].entries()) {
      const onRoute = await createReport(strapi, {
        topic: topic.documentId,
        latitude: spot[0],
        longitude: spot[1],
        address: `Via del Percorso ${i + 1}, Pisa`,
      });
      await strapi.documents(REPORT).update({
        documentId: onRoute.documentId,
        data: { team: team.documentId } as never,
      });
      await stepReport(onRoute.documentId, ['triaged', 'assigned']);
    }
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await strapi?.destroy();
    await smtp.stopForApp();
  });

  it('an operator filters the queue, assigns a case, moves it on and writes to the citizen', async () => {
    const p = await page(users.operator, 'operator');
    await p.goto(`${base}/admin/plugins/urp-console`);
    await p.locator('[data-testid="urp-queue-row"]').first().waitFor();
    await screenshot(p, 'queue');

    await p.fill('[data-testid="urp-filter-q"]', codes.mine);
    const row = p.locator(`[data-testid="urp-queue-row"][data-code="${codes.mine}"]`);
    await row.waitFor();
    await until('only the filtered case', async () => {
      return (await p.locator('[data-testid="urp-queue-row"]').count()) === 1;
    });
    expect(p.url()).toContain(`q=${codes.mine}`);

    await row.click();
    const drawer = p.locator('[data-testid="urp-drawer"]');
    await drawer.locator('[data-testid="urp-status"][data-state="triaged"]').waitFor();
    await choose(p, 'Team', teamName, drawer);
    await p.click('[data-testid="urp-drawer-assign-apply"]');
    await drawer.locator('[data-testid="urp-drawer-ok"]').waitFor();
    await until('the team in the drawer', async () =>
      (await drawer.innerText()).includes(teamName)
    );

    await choose(p, 'Move to', 'assigned', drawer);
    await p.click('[data-testid="urp-drawer-transition-apply"]');
    await drawer.locator('[data-testid="urp-status"][data-state="assigned"]').waitFor();

    const reply = 'Abbiamo assegnato la segnalazione alla squadra: interverrà entro pochi giorni.';
    await drawer.getByRole('textbox', { name: 'Reply to the citizen' }).fill(reply);
    await p.click('[data-testid="urp-drawer-send"]');
    await drawer
      .locator('[data-testid="urp-timeline-event"][data-type="message_to_citizen"]')
      .waitFor();
    await drawer.evaluate((el) => el.scrollTo(0, 0));
    await screenshot(p, 'drawer');

    const mail = await until('the reply at the SMTP server', () =>
      smtp.to(citizenEmail).find((m) => (m.text ?? '').includes('interverrà entro pochi giorni'))
    );
    expect(mail.subject).toContain(codes.mine);
    const row2 = (await strapi.db.query(REPORT).findOne({
      where: { referenceCode: codes.mine },
    })) as { state: string; teamKey: string };
    expect(row2.state).toBe('assigned');
    await p.close();
  });

  it("a coordinator sees their office's cases and not another office's", async () => {
    const p = await page(users.coordinator, 'coordinator');
    await p.goto(`${base}/admin/plugins/urp-console?q=${codes.mine}`);
    await p.locator(`[data-testid="urp-queue-row"][data-code="${codes.mine}"]`).waitFor();

    await p.goto(`${base}/admin/plugins/urp-console?q=${codes.theirs}`);
    await p.locator('[data-testid="urp-queue-empty"]').waitFor();
    expect(await p.locator('[data-testid="urp-queue-row"]').count()).toBe(0);

    // Guessing the code does not open it either: the console API answers as for an unknown case.
    // The admin keeps its token in a cookie; the page's own fetch asks with it.
    const token = (await p.context().cookies()).find((c) => c.name === 'jwtToken')?.value;
    expect(token).toBeTruthy();
    const status = await p.evaluate(
      async ([code, jwt]) => {
        const res = await fetch(`/urp-console/cases/${code}`, {
          headers: { Authorization: `Bearer ${decodeURIComponent(jwt)}` },
        });
        return res.status;
      },
      [codes.theirs, token as string]
    );
    expect(status).toBe(404);
    await p.close();
  });

  it('the map shows markers or clusters of the reports in view', async () => {
    const p = await page(users.operator, 'map');
    await p.goto(`${base}/admin/plugins/urp-console/map`);
    await p.locator('[data-testid="urp-map"]').waitFor();
    const shown = await until('markers or clusters on the map', async () => {
      const n = await p
        .locator('.urp-marker, [data-testid="urp-cluster"], .marker-cluster')
        .count();
      return n > 0 ? n : 0;
    });
    expect(shown).toBeGreaterThan(0);
    await screenshot(p, 'map');
    await p.close();
  });

  it("the routes page lists a crew's stops in visiting order", async () => {
    const p = await page(users.operator, 'routes');
    await p.goto(`${base}/admin/plugins/urp-console/routes?team=${teamId}`);
    // The crew's two reports (and the one the first test assigned to it, when it ran first).
    const stops = p.locator('[data-testid="urp-route-stop"]');
    const rows = await until("the crew's stops", async () => {
      const texts = await stops.allInnerTexts();
      const both = ['Via del Percorso 1', 'Via del Percorso 2'].every((a) =>
        texts.some((r) => r.includes(a))
      );
      return both ? texts : null;
    }).catch(async (e) => {
      await screenshot(p, 'routes-failed');
      throw e;
    });
    expect(rows.map((r) => r.trim().split(/\s+/)[0])).toEqual(rows.map((_, i) => String(i + 1)));
    const at = (address: string) => rows.findIndex((r) => r.includes(address));
    // Nearest neighbour from the base: Via del Percorso 1 is nearer than 2.
    expect(at('Via del Percorso 1')).toBeGreaterThanOrEqual(0);
    expect(at('Via del Percorso 1')).toBeLessThan(at('Via del Percorso 2'));
    await p.locator('[data-testid="urp-route-marker"]').first().waitFor();
    await screenshot(p, 'routes');
    await p.close();
  });

  it('the surveys page shows the demo survey, its figures and its improvement plan', async () => {
    const p = await page(users.listener, 'surveys');
    await p.goto(`${base}/admin/plugins/urp-console/surveys`);
    const cards = p.locator('[data-testid="urp-survey-question"]');
    await cards.first().waitFor();
    // The demo's current registry survey: six questions, the first a 1–10 scale with a mean.
    expect(await cards.count()).toBe(6);
    expect(await cards.first().innerText()).toMatch(/(Mean|Media): \d/);
    const plan = p.locator('[data-testid="urp-plan"]');
    await plan.getByText(/Before and after|Prima e dopo/).waitFor();
    // The action recorded after last year's edition is listed between before and after.
    await plan.getByText(/Prenotazione online/).waitFor();
    await screenshot(p, 'surveys');
    await p.close();
  });

  it('the quality report page shows the document of the period', async () => {
    const p = await page(users.listener, 'quality');
    await p.goto(`${base}/admin/plugins/urp-console/quality`);
    const doc = p.frameLocator('[data-testid="urp-quality-document"]');
    await doc.locator('table').first().waitFor();
    expect(await doc.locator('caption').count()).toBeGreaterThan(3);
    await screenshot(p, 'quality');
    await p.close();
  });

  it('the KPI page and the homepage widget show the figures', async () => {
    const p = await page(users.operator, 'kpis');
    await p.goto(`${base}/admin/plugins/urp-console/kpis`);
    await p.locator('[data-testid="urp-kpis"]').waitFor();
    await screenshot(p, 'kpis');
    await p.goto(`${base}/admin`);
    const widget = p.locator('[data-testid="urp-widget-report"]');
    await widget.waitFor();
    await until('the widget counts', async () => /\d/.test(await widget.innerText()));
    await widget.scrollIntoViewIfNeeded();
    await screenshot(p, 'home-widget');
    await p.close();
  });

  it('an editor opens the website searches page and sees what found nothing', async () => {
    // A citizen's search on the website that finds no card.
    const res = await fetch(
      `${base}/api/services/search?q=${encodeURIComponent('canile comunale')}`
    );
    expect(((await res.json()) as { meta: { total: number } }).meta.total).toBe(0);
    const p = await page(users.editor, 'searches');
    await p.goto(`${base}/admin`);
    // The editor has this page and not the console's cases.
    await p.locator('a[href="/admin/plugins/urp-console-searches"]').waitFor();
    expect(await p.locator('a[href="/admin/plugins/urp-console"]').count()).toBe(0);
    await p.goto(`${base}/admin/plugins/urp-console-searches`);
    const top = p.locator('[data-testid="urp-searches-top-row"]');
    await top.first().waitFor();
    // The demo's month of searches: the identity card is the most frequent.
    expect(await top.first().innerText()).toMatch(/carta d identita/);
    const notFound = p.locator('[data-testid="urp-searches-not-found"]');
    await notFound.getByText('canile comunale').waitFor();
    await screenshot(p, 'searches');
    await p.close();
  });
});

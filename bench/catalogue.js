/**
 * The public catalogue at a large size: our endpoints against what a website could do with
 * Strapi's generic REST lists alone, measured in the same run on the same database, in alternating
 * rounds (A B, then B A, …) so that drift on a shared machine hits both sides alike.
 *
 * Boots the compiled app (dist/) on a free loopback port and makes sure a bench catalogue exists:
 * BENCH_SERVICES published services in Italian and English (default 2,000 per locale), with
 * titles and summaries built from a vocabulary of municipal services, linked to 205 published
 * offices (5 areas → 25 sectors → 175 offices) and 40 published topics. It is created through the
 * Document Service, as an editor would, the first time only: every bench document's slug starts
 * with `bench-`, and a rerun reuses those (and completes any left half-done). Then, as the public
 * (no token):
 *
 * 1. GET /api/services/search?q= for a few realistic queries (one word, two words, a plural, an
 *    accented word, a query that finds nothing) against the generic list a website would use
 *    without it: `$containsi` on title or summary for each word (all words required), topics
 *    populated, 10 a page. And the ranking statement of our endpoint replayed raw (captured from
 *    an in-process call through knex's `query` event): on PostgreSQL the full-text query alone,
 *    on SQLite the read of the candidate cards (the ranking runs in JavaScript after it).
 * 2. GET /api/offices/tree against the generic GET /api/offices with the parent populated, paged
 *    through every office (100 a page, all pages counted) — and, because the tree also counts each
 *    office's services, the same plus the services' responsible offices paged through.
 * 3. GET /api/services?pagination[pageSize]=25&populate=* with If-None-Match (304) against the
 *    same without it (200). The ETag is a hash of the body, so the server still builds the
 *    answer: the 304 saves the body's bytes and their transfer, not the work. The conditional
 *    GET also sends `Cache-Control: max-age=0`, as a browser's or a CDN's revalidation does;
 *    the bench checks that plain fetch (which adds `Cache-Control: no-cache` to any request
 *    with If-None-Match) gets its 304 too.
 *
 *   npm run bench:catalogue                                   # SQLite, DATABASE_FILENAME or .tmp/data.db
 *   DATABASE_FILENAME=.tmp/bench-catalogue.db npm run bench:catalogue
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_catalogue npm run bench:catalogue
 *
 * Knobs: BENCH_SERVICES (2000 per locale), BENCH_ITERATIONS (100 timed calls per path and case),
 * BENCH_ROUNDS (4), BENCH_WARMUP (10), BENCH_SEED_CONCURRENCY (4 on PostgreSQL, 1 on SQLite),
 * BENCH_SEED_ONLY=true (make sure the catalogue exists, measure nothing).
 * The search statistics rows of the bench's queries are put back as they were at the end.
 * Results are printed and written to bench/results/catalogue-<timestamp>.json.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { URLSearchParams } = require('url');
const { stats, writeResults } = require('./lib');

// Before Strapi reads its configuration.
process.env.SEED_DEMO = 'false';
process.env.JOBS_ENABLED = 'false';
process.env.OUTBOX_DISPATCH_ON_COMMIT = 'false';
process.env.RATE_LIMIT_ENABLED = 'false';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'src');
const SERVICES = Number(process.env.BENCH_SERVICES || 2000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 4);
const WARMUP = Number(process.env.BENCH_WARMUP || 10);
const LOCALES = ['it', 'en'];
const SITE = 'https://www.comune.pisa.example';

const loadavg = () => os.loadavg().map((x) => Number(x.toFixed(2)));
const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const x = (a, b) => `${(a / b).toFixed(2)}×`;

// --- the vocabulary of the bench catalogue ----------------------------------------------------

const l = (it, en) => ({ it, en });

/** Municipal services, as their cards are titled. */
const BASES = [
  l('Certificato di residenza', 'Certificate of residence'),
  l('Certificato di stato di famiglia', 'Family status certificate'),
  l('Certificato di nascita', 'Birth certificate'),
  l('Certificato di matrimonio', 'Marriage certificate'),
  l('Certificato di cittadinanza', 'Citizenship certificate'),
  l("Carta d'identità elettronica", 'Electronic identity card'),
  l('Cambio di residenza', 'Change of residence'),
  l("Iscrizione all'anagrafe", 'Registration with the registry office'),
  l('Permesso di sosta ZTL', 'ZTL parking permit'),
  l('Contrassegno di sosta per disabili', 'Disabled parking badge'),
  l('Passo carrabile', 'Driveway permit'),
  l('Occupazione di suolo pubblico', 'Use of public land'),
  l("Iscrizione al nido d'infanzia", 'Nursery enrolment'),
  l("Iscrizione alla scuola dell'infanzia", 'Pre-school enrolment'),
  l('Servizio di mensa scolastica', 'School canteen service'),
  l('Trasporto scolastico', 'School transport'),
  l("Contributo per l'affitto", 'Rent allowance'),
  l('Assegno di maternità', 'Maternity allowance'),
  l('Bonus energia e gas', 'Energy and gas bonus'),
  l('Assistenza domiciliare', 'Home care'),
  l('Telesoccorso', 'Personal alarm service'),
  l('Ritiro dei rifiuti ingombranti', 'Bulky waste collection'),
  l('Compostaggio domestico', 'Home composting'),
  l('Tassa sui rifiuti (TARI)', 'Waste tax (TARI)'),
  l('Imposta municipale propria (IMU)', 'Municipal property tax (IMU)'),
  l('Rimborso di tributi comunali', 'Refund of municipal taxes'),
  l('Permesso di costruire', 'Building permit'),
  l('Segnalazione certificata di inizio attività', 'Certified notice of start of works'),
  l('Certificato di destinazione urbanistica', 'Zoning certificate'),
  l('Accesso agli atti', 'Access to records'),
  l('Licenza per il commercio ambulante', 'Street trading licence'),
  l('Autorizzazione per pubblico spettacolo', 'Public entertainment authorisation'),
  l('Prenotazione di impianti sportivi', 'Booking of sports facilities'),
  l('Tessera della biblioteca', 'Library card'),
  l('Patrocinio per eventi culturali', 'Sponsorship of cultural events'),
  l('Celebrazione del matrimonio civile', 'Civil wedding ceremony'),
  l('Unione civile', 'Civil union'),
  l(
    "Separazione e divorzio davanti all'ufficiale di stato civile",
    'Separation and divorce before the registrar'
  ),
  l('Dichiarazione anticipata di trattamento', 'Living will'),
  l('Cremazione e dispersione delle ceneri', 'Cremation and scattering of ashes'),
  l('Concessione cimiteriale', 'Cemetery plot concession'),
  l("Iscrizione all'albo degli scrutatori", 'Register of polling clerks'),
  l('Tessera elettorale', 'Voter card'),
  l('Adozione di un cane dal canile', 'Adopting a dog from the shelter'),
  l("Iscrizione all'anagrafe canina", 'Dog registry'),
  l('Orti urbani', 'Urban allotments'),
  l('Segnalazione di alberi pericolanti', 'Reporting dangerous trees'),
  l('Manutenzione delle strade', 'Road maintenance'),
  l('Illuminazione pubblica', 'Street lighting'),
  l('Contributo per le barriere architettoniche', 'Grant for removing architectural barriers'),
  l('Agevolazioni per le famiglie numerose', 'Benefits for large families'),
  l('Centri estivi', 'Summer camps'),
  l('Borse di studio', 'Study grants'),
  l('Servizio civile universale', 'Universal civic service'),
  l('Sportello lavoro', 'Job desk'),
  l("Apertura di un'attività commerciale", 'Opening a shop'),
];
const AUDIENCES = [
  l('', ''),
  l('per residenti', 'for residents'),
  l('per cittadini over 65', 'for citizens over 65'),
  l('per famiglie', 'for families'),
  l('per studenti', 'for students'),
  l('per imprese', 'for businesses'),
  l('per persone con disabilità', 'for people with disabilities'),
  l('per cittadini stranieri', 'for foreign citizens'),
];
const DISTRICTS = [
  'Centro storico',
  'Porta a Lucca',
  'San Martino',
  "Sant'Antonio",
  'Porta Nuova',
  'Pratale',
  'Cisanello',
  'San Giusto',
  'La Cella',
  'Marina di Pisa',
  'Tirrenia',
  'Putignano',
  'Riglione',
  'Barbaricina',
  'Coltano',
];
const SENTENCES = [
  l(
    'La domanda si presenta online con SPID o CIE, oppure allo sportello su appuntamento.',
    'Apply online with SPID or CIE, or at the desk by appointment.'
  ),
  l(
    "Servono un documento d'identità valido e il codice fiscale.",
    'You need a valid identity document and your tax code.'
  ),
  l('Il servizio è gratuito.', 'The service is free.'),
  l(
    'È previsto il pagamento dei diritti di segreteria con PagoPA.',
    'Administrative fees are paid through PagoPA.'
  ),
  l(
    'La risposta arriva entro 30 giorni dalla richiesta.',
    'You get an answer within 30 days of applying.'
  ),
  l(
    'Per i minori la domanda è presentata da chi esercita la responsabilità genitoriale.',
    'For minors, the application is made by whoever has parental responsibility.'
  ),
  l(
    'Le richieste sono accolte fino a esaurimento dei fondi disponibili.',
    'Applications are accepted until the funds run out.'
  ),
  l(
    "L'ufficio verifica i requisiti e comunica l'esito via email o PEC.",
    'The office checks the requirements and sends the outcome by email or PEC.'
  ),
  l(
    "Per informazioni rivolgersi all'Ufficio relazioni con il pubblico della città.",
    "For information, ask the city's public relations office."
  ),
  l(
    'Sono ammesse le attività svolte nel territorio comunale.',
    'Activities within the municipal territory are eligible.'
  ),
];
const TOPICS = [
  l('Anagrafe', 'Registry office'),
  l('Stato civile', 'Civil status'),
  l('Elezioni', 'Elections'),
  l('Tributi', 'Local taxes'),
  l('Rifiuti', 'Waste'),
  l('Mobilità', 'Mobility'),
  l('Sosta e parcheggi', 'Parking'),
  l('Scuola', 'School'),
  l('Servizi sociali', 'Social services'),
  l('Casa', 'Housing'),
  l('Lavoro', 'Employment'),
  l('Cultura', 'Culture'),
  l('Sport', 'Sport'),
  l('Ambiente', 'Environment'),
  l('Verde pubblico', 'Parks and green areas'),
  l('Animali', 'Animals'),
  l('Edilizia privata', 'Building'),
  l('Urbanistica', 'Town planning'),
  l('Commercio', 'Trade'),
  l('Turismo', 'Tourism'),
  l('Cimiteri', 'Cemeteries'),
  l('Polizia locale', 'Local police'),
  l('Strade', 'Roads'),
  l('Illuminazione', 'Lighting'),
  l('Acqua', 'Water'),
  l('Energia', 'Energy'),
  l('Giovani', 'Young people'),
  l('Anziani', 'Older people'),
  l('Disabilità', 'Disability'),
  l('Famiglia', 'Family'),
  l('Salute', 'Health'),
  l('Sicurezza urbana', 'Urban safety'),
  l('Protezione civile', 'Civil protection'),
  l('Partecipazione', 'Participation'),
  l('Trasparenza', 'Transparency'),
  l('Biblioteche', 'Libraries'),
  l('Eventi', 'Events'),
  l('Università', 'University'),
  l('Imprese', 'Businesses'),
  l('Volontariato', 'Volunteering'),
];
const AREAS = [
  l('Servizi al cittadino', 'Citizen services'),
  l('Territorio e ambiente', 'Land and environment'),
  l('Servizi sociali ed educativi', 'Social and education services'),
  l('Risorse finanziarie', 'Finance'),
  l('Sviluppo economico e cultura', 'Economic development and culture'),
];
const SECTOR_WORDS = [
  l('Sportelli', 'Desks'),
  l('Procedimenti', 'Procedures'),
  l('Controlli', 'Inspections'),
  l('Progetti', 'Projects'),
  l('Amministrazione', 'Administration'),
];
const OFFICE_WORDS = [
  l('Ufficio front office', 'Front office'),
  l('Ufficio istruttorie', 'Assessment office'),
  l('Ufficio contributi', 'Grants office'),
  l('Ufficio autorizzazioni', 'Permits office'),
  l('Ufficio verifiche', 'Checks office'),
  l('Ufficio archivio', 'Records office'),
  l('Ufficio comunicazione', 'Communication office'),
];

/** The queries a citizen types, and what each shows. */
const QUERIES = [
  { kind: 'one word', q: 'residenza' },
  { kind: 'two words', q: 'permesso sosta' },
  { kind: 'plural (cards say "certificato")', q: 'certificati' },
  { kind: 'accented', q: 'identità' },
  { kind: 'no hit', q: 'astronave' },
];

/** A seeded shuffle of every base × audience × district, so a seed gives the same catalogue. */
function serviceCombos(rand) {
  const all = [];
  for (let b = 0; b < BASES.length; b++)
    for (let a = 0; a < AUDIENCES.length; a++)
      for (let d = 0; d < DISTRICTS.length; d++) all.push([b, a, d]);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all;
}

// --- the bench catalogue, created once through the Document Service ----------------------------

/** Runs fn over items with `concurrency` in flight. */
async function pool(items, concurrency, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/** What exists of the bench documents of a type: slug → { documentId, published locales }. */
async function benchDocs(strapi, uid) {
  const table = strapi.db.metadata.get(uid).tableName;
  const rows = await strapi.db
    .connection(table)
    .select('document_id', 'slug', 'locale', 'published_at')
    .where('slug', 'like', 'bench-%');
  const out = new Map();
  for (const r of rows) {
    const d = out.get(r.slug) ?? { documentId: r.document_id, published: new Set() };
    if (r.published_at) d.published.add(r.locale);
    out.set(r.slug, d);
  }
  return out;
}

/**
 * Makes sure a published document with this slug exists in both locales: reused when it does,
 * completed when a former run stopped half-way, created otherwise. Returns its documentId and
 * whether it wrote anything.
 */
async function ensureLocalized(strapi, uid, existing, slug, dataFor) {
  const docs = strapi.documents(uid);
  const have = existing.get(slug);
  if (have && LOCALES.every((loc) => have.published.has(loc))) {
    return { documentId: have.documentId, created: false };
  }
  let documentId = have?.documentId;
  if (!documentId) {
    documentId = (await docs.create({ locale: 'it', data: dataFor('it') })).documentId;
  }
  await docs.update({ documentId, locale: 'en', data: dataFor('en') });
  await docs.publish({ documentId, locale: '*' });
  return { documentId, created: true };
}

const link = (documentId, locale) => ({ connect: [{ documentId, locale, status: 'draft' }] });

async function ensureCatalogue(strapi, concurrency) {
  const started = performance.now();
  const { mulberry32 } = require(path.join(DIST, 'domain', 'random'));
  const rand = mulberry32(20251206);
  const written = { offices: 0, topics: 0, services: 0 };
  // Progress while writing; a rerun that reuses everything stays quiet.
  const progress = (what, n, total) => {
    if (written.offices + written.topics + written.services === 0) return;
    if (n % 200 === 0 || n === total) {
      const s = ((performance.now() - started) / 1000).toFixed(0);
      console.log(`  ${what}: ${n}/${total} (${s} s)`);
    }
  };

  // Offices: areas, then their sectors, then their offices (a parent exists before its children).
  const officeUid = 'api::office.office';
  const existingOffices = await benchDocs(strapi, officeUid);
  const officeIds = new Map();
  const leaves = [];
  const officeNames = new Map();
  const officeData = (name, slug, kind, parentId, i) => (locale) => ({
    name: `${name[locale]}`,
    slug,
    kind,
    description: `${name[locale]}: ${SENTENCES[i % SENTENCES.length][locale]}`,
    email: `${slug}@comune.pisa.example`,
    phone: `050 91${String(1000 + i).slice(-4)}`,
    address: `Via del Bench ${i + 1}, Pisa`,
    parent: parentId ? link(parentId, locale) : undefined,
  });
  const levels = [[], [], []];
  AREAS.forEach((area, a) => {
    const areaSlug = `bench-area-${a + 1}`;
    levels[0].push({
      slug: areaSlug,
      kind: 'area',
      parent: null,
      name: l(`Area ${area.it}`, `${area.en} area`),
    });
    SECTOR_WORDS.forEach((sw, s) => {
      const sectorSlug = `bench-sector-${a + 1}-${s + 1}`;
      levels[1].push({
        slug: sectorSlug,
        kind: 'sector',
        parent: areaSlug,
        name: l(`Settore ${sw.it} – ${area.it}`, `${sw.en} sector – ${area.en}`),
      });
      OFFICE_WORDS.forEach((ow, o) => {
        const slug = `bench-office-${a + 1}-${s + 1}-${o + 1}`;
        leaves.push(slug);
        officeNames.set(
          slug,
          l(`${ow.it} – ${sw.it} ${area.it}`, `${ow.en} – ${sw.en}, ${area.en}`)
        );
        levels[2].push({
          slug,
          kind: 'office',
          parent: sectorSlug,
          name: l(`${ow.it} – ${sw.it} ${area.it}`, `${ow.en} – ${sw.en}, ${area.en}`),
        });
      });
    });
  });
  let n = 0;
  const officeTotal = levels.flat().length;
  for (const level of levels) {
    await pool(level, concurrency, async (o) => {
      const i = n++;
      const parentId = o.parent ? officeIds.get(o.parent) : null;
      const r = await ensureLocalized(
        strapi,
        officeUid,
        existingOffices,
        o.slug,
        officeData(o.name, o.slug, o.kind, parentId, i)
      );
      officeIds.set(o.slug, r.documentId);
      if (r.created) written.offices++;
      progress('offices', i + 1, officeTotal);
    });
  }

  const topicUid = 'api::topic.topic';
  const existingTopics = await benchDocs(strapi, topicUid);
  const topicIds = [];
  await pool(TOPICS, concurrency, async (t, i) => {
    const slug = `bench-topic-${String(i + 1).padStart(2, '0')}`;
    const r = await ensureLocalized(strapi, topicUid, existingTopics, slug, (locale) => ({
      name: t[locale],
      slug,
      code: `BENCH-T${String(i + 1).padStart(2, '0')}`,
      description: `${t[locale]}: ${SENTENCES[i % SENTENCES.length][locale]}`,
      // Not offered to the intake: these topics are for the catalogue only.
      acceptsReports: false,
      acceptsRequests: false,
      acceptsComplaints: false,
      resolutionDays: 30,
      active: true,
    }));
    topicIds[i] = r.documentId;
    if (r.created) written.topics++;
  });
  console.log(`  topics: ${TOPICS.length}/${TOPICS.length}`);

  const serviceUid = 'api::service.service';
  const existingServices = await benchDocs(strapi, serviceUid);
  const combos = serviceCombos(rand);
  if (SERVICES > combos.length) throw new Error(`BENCH_SERVICES at most ${combos.length}`);
  const plans = combos.slice(0, SERVICES).map(([b, a, d], i) => ({
    i,
    base: BASES[b],
    audience: AUDIENCES[a],
    district: DISTRICTS[d],
    office: leaves[Math.floor(rand() * leaves.length)],
    topics: [
      ...new Set(
        Array.from({ length: 1 + Math.floor(rand() * 3) }, () => Math.floor(rand() * TOPICS.length))
      ),
    ],
    sentences: [Math.floor(rand() * SENTENCES.length), Math.floor(rand() * SENTENCES.length)],
  }));
  let done = 0;
  await pool(plans, concurrency, async (p) => {
    const slug = `bench-service-${String(p.i + 1).padStart(5, '0')}`;
    const officeId = officeIds.get(p.office);
    const r = await ensureLocalized(strapi, serviceUid, existingServices, slug, (locale) => {
      const aud = p.audience[locale] ? ` ${p.audience[locale]}` : '';
      const title = `${p.base[locale]}${aud} – ${p.district}`;
      const where =
        locale === 'it' ? `allo sportello di ${p.district}` : `at the ${p.district} desk`;
      const [s1, s2] = p.sentences.map((k) => SENTENCES[k][locale]);
      return {
        title,
        slug,
        summary: `${p.base[locale]}${aud} ${where}. ${s1} ${s2}`.slice(0, 400),
        description: `${title}.\n\n${s1}\n\n${s2}\n\n${SENTENCES[(p.i + 3) % SENTENCES.length][locale]}`,
        howTo: SENTENCES[0][locale],
        requirements: SENTENCES[1][locale],
        costs: SENTENCES[p.i % 2 ? 2 : 3][locale],
        availability: p.i % 50 === 49 ? 'suspended' : 'active',
        channels: [
          {
            kind: 'online',
            label: locale === 'it' ? 'Servizio online' : 'Online service',
            url: `${SITE}/servizi/${slug}`,
          },
          {
            kind: 'office',
            label: locale === 'it' ? `Sportello di ${p.district}` : `${p.district} desk`,
          },
        ],
        contacts: [
          {
            label: officeNames.get(p.office)[locale],
            email: `${p.office}@comune.pisa.example`,
            phone: '050 910111',
          },
        ],
        responsibleOffice: link(officeId, locale),
        topics: {
          connect: p.topics.map((t) => ({ documentId: topicIds[t], locale, status: 'draft' })),
        },
      };
    });
    if (r.created) written.services++;
    progress('services', ++done, plans.length);
  });
  return { written, seconds: (performance.now() - started) / 1000 };
}

// --- measuring -------------------------------------------------------------------------------

/**
 * Measures the paths in ROUNDS alternating rounds (A B …, then … B A), ITERATIONS timed calls
 * per path in all, after WARMUP untimed calls of each. fn returns what it saw (bytes, hits…).
 */
async function alternate(title, paths) {
  for (const p of paths) for (let i = 0; i < WARMUP; i++) await p.fn(i);
  const perRound = Math.ceil(ITERATIONS / ROUNDS);
  const samples = new Map(paths.map((p) => [p.name, []]));
  const last = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? paths : [...paths].reverse();
    for (const p of order) {
      for (let i = 0; i < perRound; i++) {
        const t = performance.now();
        const info = await p.fn(i);
        samples.get(p.name).push(performance.now() - t);
        last.set(p.name, info);
      }
    }
  }
  const out = { title, load: loadavg(), paths: {} };
  console.log(`\n${title}  (load ${out.load.join(' ')})`);
  for (const p of paths) {
    const s = stats(samples.get(p.name));
    out.paths[p.key] = { name: p.name, ...s, ...(last.get(p.name) ?? {}) };
    const info = last.get(p.name) ?? {};
    const extra = Object.entries(info)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    console.log(
      `  ${p.name.padEnd(58)} p50 ${fmt(s.p50).padStart(7)} ms  p95 ${fmt(s.p95).padStart(7)} ms  ${extra}`
    );
  }
  return out;
}

/** The SQL statements fn() sends through knex, with their bindings, in order (as bench/console.js). */
async function captureSql(db, fn) {
  const captured = [];
  const listener = (q) => {
    if (q.sql.includes('?') && /\$\d/.test(q.sql))
      throw new Error(`a literal ? in captured SQL: ${q.sql}`);
    captured.push({ sql: q.sql.replace(/\$\d+/g, '?'), bindings: q.bindings ?? [] });
  };
  db.on('query', listener);
  try {
    await fn();
  } finally {
    db.removeListener('query', listener);
  }
  return captured;
}

const rowsOf = (res) => (Array.isArray(res) ? res : (res?.rows ?? []));

async function dataSizes(strapi) {
  const db = strapi.db.connection;
  const postgres = strapi.db.dialect.client === 'postgres';
  const meta = (uid) => strapi.db.metadata.get(uid);
  const service = meta('api::service.service');
  const office = meta('api::office.office');
  const topic = meta('api::topic.topic');
  const tables = [
    service.tableName,
    office.tableName,
    topic.tableName,
    service.attributes.topics.joinTable.name,
    service.attributes.responsibleOffice.joinTable.name,
    office.attributes.parent.joinTable.name,
    'components_shared_access_channel',
    'components_shared_contact',
  ];
  const out = { tables: {} };
  for (const t of tables) {
    const rows = Number((await db(t).count({ n: '*' }))[0].n);
    let bytes = null;
    if (postgres) {
      bytes = Number(
        rowsOf(await db.raw('SELECT pg_total_relation_size(?::regclass) AS b', [t]))[0].b
      );
    }
    out.tables[t] = { rows, bytes };
  }
  const published = async (table) =>
    Object.fromEntries(
      (
        await db(table)
          .select('locale')
          .count({ n: '*' })
          .whereNotNull('published_at')
          .groupBy('locale')
      ).map((r) => [r.locale, Number(r.n)])
    );
  out.publishedServices = await published(service.tableName);
  out.publishedOffices = await published(office.tableName);
  out.publishedTopics = await published(topic.tableName);
  if (postgres) {
    out.databaseBytes = Number(
      rowsOf(await db.raw('SELECT pg_database_size(current_database()) AS b'))[0].b
    );
  } else {
    const file = strapi.db.config.connection.connection.filename;
    out.databaseBytes = fs.statSync(file).size;
    out.file = path.relative(ROOT, file);
  }
  return out;
}

async function main() {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({
    appDir: ROOT,
    distDir: path.join(ROOT, 'dist'),
    serveAdminPanel: false,
  });
  await strapi.load();
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
  const db = strapi.db.connection;
  const client = strapi.db.dialect.client;
  const postgres = client === 'postgres';
  const { searchServices } = require(path.join(DIST, 'lib', 'catalogue', 'service-search'));
  const { statisticsText } = require(path.join(DIST, 'domain', 'catalogue-search'));
  const { etagOf } = require(path.join(DIST, 'lib', 'catalogue', 'http-cache'));
  const { SEARCH_STATS_TABLE } = require(path.join(DIST, 'lib', 'catalogue', 'search-stats'));

  // The search statistics rows of the bench's own queries, to put back at the end.
  const statTexts = QUERIES.map((q) => statisticsText(q.q));
  const statsBefore = await db(SEARCH_STATS_TABLE).whereIn('query', statTexts);

  try {
    const concurrency = Number(process.env.BENCH_SEED_CONCURRENCY || (postgres ? 4 : 1));
    console.log(
      `${client}: making sure the bench catalogue exists (${SERVICES} services per locale)`
    );
    const seeding = await ensureCatalogue(strapi, concurrency);
    console.log(
      `  written: ${JSON.stringify(seeding.written)} in ${seeding.seconds.toFixed(1)} s` +
        (seeding.written.services ? ` (concurrency ${concurrency})` : ' (all reused)')
    );
    if (postgres && (seeding.written.services || seeding.written.offices)) {
      // As autovacuum would get to: the planner's statistics of the fresh rows.
      await db.raw('ANALYZE');
    }
    const sizes = await dataSizes(strapi);
    console.log(`data: ${JSON.stringify(sizes)}`);
    if (process.env.BENCH_SEED_ONLY === 'true') return;

    const get = async (url, headers = {}, expected = 200) => {
      const res = await fetch(base + url, { headers });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== expected) {
        throw new Error(`${url}: HTTP ${res.status} ${body.toString().slice(0, 300)}`);
      }
      return { res, body };
    };
    const json = async (url) => JSON.parse((await get(url)).body.toString());
    const results = {};

    // --- 1. search ----------------------------------------------------------------------------
    const genericSearchUrl = (q) => {
      const words = q.split(/\s+/).filter(Boolean);
      const p = new URLSearchParams();
      words.forEach((w, i) => {
        const prefix = words.length > 1 ? `filters[$and][${i}]` : 'filters';
        p.append(`${prefix}[$or][0][title][$containsi]`, w);
        p.append(`${prefix}[$or][1][summary][$containsi]`, w);
      });
      p.append('populate[topics][fields][0]', 'name');
      p.append('pagination[pageSize]', '10');
      return `/api/services?${p.toString()}`;
    };
    results.search = [];
    for (const query of QUERIES) {
      const oursUrl = `/api/services/search?q=${encodeURIComponent(query.q)}`;
      const genericUrl = genericSearchUrl(query.q);
      const ours = await json(oursUrl);
      const generic = await json(genericUrl);
      // The ranking statement of our endpoint, as knex sends it.
      const captured = await captureSql(db, () =>
        searchServices(strapi, { query: query.q, locale: 'it', start: 0, limit: 10 })
      );
      const rank = captured.find((s) => /to_tsquery|group_concat/.test(s.sql));
      if (!rank) throw new Error(`no ranking statement captured for "${query.q}"`);
      let explain = null;
      if (postgres) {
        explain = rowsOf(await db.raw(`EXPLAIN (ANALYZE, BUFFERS) ${rank.sql}`, rank.bindings)).map(
          (r) => r['QUERY PLAN']
        );
      }
      const info = {
        ours: { total: ours.meta.total, top: ours.data.slice(0, 3).map((h) => h.title) },
        generic: {
          total: generic.meta.pagination.total,
          top: generic.data.slice(0, 3).map((h) => h.title),
        },
      };
      const paths = [
        {
          key: 'ours',
          name: `GET /api/services/search?q=${query.q}`,
          fn: async () => {
            const { body } = await get(oursUrl);
            return { bytes: body.length, hits: info.ours.total };
          },
        },
        {
          key: 'generic',
          name: `generic $containsi title|summary (${query.q.split(' ').length} word(s))`,
          fn: async () => {
            const { body } = await get(genericUrl);
            return { bytes: body.length, hits: info.generic.total };
          },
        },
        {
          key: 'raw',
          name: postgres
            ? 'raw SQL: the FTS ranking statement (floor)'
            : 'raw SQL: the candidate read (floor)',
          fn: async () => ({ rows: rowsOf(await db.raw(rank.sql, rank.bindings)).length }),
        },
      ];
      const m = await alternate(`search "${query.q}" (${query.kind})`, paths);
      const r = {
        ...query,
        oursUrl,
        genericUrl,
        rankSql: rank.sql,
        rankBindings: rank.bindings,
        statements: captured.length,
        explain,
        info,
        ...m,
        ratios: {
          oursToGenericP50: m.paths.ours.p50 / m.paths.generic.p50,
          oursToGenericP95: m.paths.ours.p95 / m.paths.generic.p95,
          oursToRawP50: m.paths.ours.p50 / m.paths.raw.p50,
        },
      };
      console.log(
        `  hits: ours ${info.ours.total}, generic ${info.generic.total}; ours/generic p50 ` +
          `${x(m.paths.ours.p50, m.paths.generic.p50)}, p95 ${x(m.paths.ours.p95, m.paths.generic.p95)}; ` +
          `ours/raw p50 ${x(m.paths.ours.p50, m.paths.raw.p50)}; ${captured.length} statements per search`
      );
      if (explain) {
        const exec = explain.find((line) => line.startsWith('Execution Time'));
        console.log(`  EXPLAIN ANALYZE of the ranking statement: ${exec}`);
      }
      results.search.push(r);
    }

    // --- 2. the organisation ------------------------------------------------------------------
    const tree = await json('/api/offices/tree');
    const countNodes = (nodes) => nodes.reduce((s, n) => s + 1 + countNodes(n.children ?? []), 0);
    const treeInfo = { roots: tree.data.length, offices: countNodes(tree.data) };
    const paged = async (first) => {
      let page = 1;
      let pageCount = 1;
      let bytes = 0;
      let requests = 0;
      let rows = 0;
      do {
        const { body } = await get(`${first}&pagination[page]=${page}`);
        const j = JSON.parse(body.toString());
        pageCount = j.meta.pagination.pageCount;
        rows += j.data.length;
        bytes += body.length;
        requests++;
        page++;
      } while (page <= pageCount);
      return { requests, rows, bytes };
    };
    const officesUrl =
      '/api/offices?populate[parent][fields][0]=documentId&pagination[pageSize]=100';
    const servicesOfficeUrl =
      '/api/services?fields[0]=slug&populate[responsibleOffice][fields][0]=documentId&pagination[pageSize]=100';
    const treeM = await alternate(
      `organisation (${treeInfo.offices} published offices in the tree, ${treeInfo.roots} roots)`,
      [
        {
          key: 'ours',
          name: 'GET /api/offices/tree (with services counts)',
          fn: async () => ({ requests: 1, bytes: (await get('/api/offices/tree')).body.length }),
        },
        {
          key: 'generic',
          name: 'generic /api/offices, parent populated, 100 a page, all pages',
          fn: () => paged(officesUrl),
        },
        {
          key: 'genericWithCounts',
          name: 'the same + /api/services responsibleOffice, all pages',
          fn: async () => {
            const a = await paged(officesUrl);
            const b = await paged(servicesOfficeUrl);
            return {
              requests: a.requests + b.requests,
              rows: a.rows + b.rows,
              bytes: a.bytes + b.bytes,
            };
          },
        },
      ]
    );
    results.tree = {
      ...treeInfo,
      ...treeM,
      ratios: {
        oursToGenericP50: treeM.paths.ours.p50 / treeM.paths.generic.p50,
        oursToGenericP95: treeM.paths.ours.p95 / treeM.paths.generic.p95,
        oursToGenericWithCountsP50: treeM.paths.ours.p50 / treeM.paths.genericWithCounts.p50,
        oursToGenericWithCountsP95: treeM.paths.ours.p95 / treeM.paths.genericWithCounts.p95,
      },
    };
    console.log(
      `  ours/generic p50 ${x(treeM.paths.ours.p50, treeM.paths.generic.p50)}, p95 ` +
        `${x(treeM.paths.ours.p95, treeM.paths.generic.p95)}; ours/generic with counts p50 ` +
        `${x(treeM.paths.ours.p50, treeM.paths.genericWithCounts.p50)}, p95 ` +
        `${x(treeM.paths.ours.p95, treeM.paths.genericWithCounts.p95)}`
    );

    // --- 3. the validator ---------------------------------------------------------------------
    const listUrl = '/api/services?pagination[pageSize]=25&populate=*';
    const first = await get(listUrl);
    const etag = first.res.headers.get('etag');
    if (!etag) throw new Error(`${listUrl}: no ETag`);
    // Node's fetch (undici, as the Fetch standard says) adds `Cache-Control: no-cache` and
    // `Pragma: no-cache` to a request that carries If-None-Match; koa's `ctx.fresh` never called
    // such a request fresh, so the server now compares the tag itself (src/lib/catalogue/
    // http-cache.ts). Checked here: plain fetch must get its 304. The timed conditional GET sends
    // `Cache-Control: max-age=0` as a browser's or a CDN's revalidation does.
    const plain = await get(listUrl, { 'If-None-Match': etag }, 304);
    const revalidate = { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' };
    const check = await get(listUrl, revalidate, 304);
    if (check.body.length) throw new Error('a 304 with a body');
    // What the tag costs the server: a SHA-1 of the body it has built anyway.
    const hashRuns = 1000;
    let t = performance.now();
    for (let i = 0; i < hashRuns; i++) etagOf(first.body);
    const hashMs = (performance.now() - t) / hashRuns;
    const etagM = await alternate(
      `conditional GET ${listUrl} (${first.body.length} B body, ETag ${etag})`,
      [
        {
          key: 'full',
          name: 'GET without If-None-Match (200)',
          fn: async () => {
            const { res, body } = await get(listUrl);
            return { status: res.status, bytes: body.length };
          },
        },
        {
          key: 'conditional',
          name: 'GET with If-None-Match, Cache-Control: max-age=0 (304)',
          fn: async () => {
            const { res, body } = await get(listUrl, revalidate, 304);
            return { status: res.status, bytes: body.length };
          },
        },
      ]
    );
    results.validator = {
      url: listUrl,
      etag,
      bodyBytes: first.body.length,
      contentEncoding: first.res.headers.get('content-encoding'),
      etagHashMs: hashMs,
      plainFetchIfNoneMatch: {
        status: plain.res.status,
        bytes: plain.body.length,
        note: 'fetch adds Cache-Control: no-cache to a conditional request; ctx.fresh then answers 200',
      },
      ...etagM,
      ratios: {
        conditionalToFullP50: etagM.paths.conditional.p50 / etagM.paths.full.p50,
        conditionalToFullP95: etagM.paths.conditional.p95 / etagM.paths.full.p95,
      },
      savedP50Ms: etagM.paths.full.p50 - etagM.paths.conditional.p50,
    };
    console.log(
      `  304/200 p50 ${x(etagM.paths.conditional.p50, etagM.paths.full.p50)}, p95 ` +
        `${x(etagM.paths.conditional.p95, etagM.paths.full.p95)}; saved ${first.body.length} B ` +
        `and ${results.validator.savedP50Ms.toFixed(2)} ms at p50 per request over loopback; ` +
        `the tag itself costs ${(hashMs * 1000).toFixed(0)} µs (SHA-1 of the body)`
    );

    console.log(
      `  with plain fetch (which adds Cache-Control: no-cache) If-None-Match gets HTTP ${plain.res.status}, ${plain.body.length} B`
    );

    writeResults('catalogue', {
      database: client,
      node: process.version,
      cpus: os.cpus().length,
      load: loadavg(),
      servicesPerLocale: SERVICES,
      iterations: ITERATIONS,
      rounds: ROUNDS,
      warmup: WARMUP,
      seeding,
      sizes,
      results,
    });
  } finally {
    // Put the search statistics of the bench's queries back as they were.
    try {
      await db(SEARCH_STATS_TABLE).whereIn('query', statTexts).del();
      if (statsBefore.length) await db(SEARCH_STATS_TABLE).insert(statsBefore);
    } catch (e) {
      console.error(`search statistics not restored: ${e.message}`);
    }
    await strapi.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * Service catalogue cards, modelled on the Designers Italia municipal website template
 * ("Scheda servizio"). URLs are fictitious.
 */
import type { Localized, ServiceChannelSeed, ServiceSeed } from './types';

const SITE = 'https://www.comune.pisa.example';

function l(it: string, en: string): Localized {
  return { it, en };
}

function online(path: string, it = 'Servizio online', en = 'Online service'): ServiceChannelSeed {
  return { kind: 'online', label: l(it, en), url: `${SITE}${path}` };
}

function office(it: string, en: string): ServiceChannelSeed {
  return { kind: 'office', label: l(it, en) };
}

function phone(number: string, it: string, en: string): ServiceChannelSeed {
  return { kind: 'phone', label: l(it, en), phone: number };
}

export const services: ServiceSeed[] = [
  {
    slug: 'carta-identita-elettronica',
    title: l("Carta d'identità elettronica (CIE)", 'Electronic identity card (CIE)'),
    summary: l(
      "Richiedere il rilascio o il rinnovo della carta d'identità elettronica.",
      'Apply for a new or renewed electronic identity card.'
    ),
    description: l(
      "La carta d'identità elettronica è il documento di riconoscimento dei cittadini italiani e consente l'accesso ai servizi online della pubblica amministrazione. Viene stampata dal Poligrafico dello Stato e spedita all'indirizzo indicato.",
      'The electronic identity card is the identity document of Italian citizens and gives access to public administration online services. It is printed by the State Printing Office and posted to the address you indicate.'
    ),
    audience: l(
      'Tutte le persone residenti nel Comune di Pisa, anche minorenni; i cittadini non residenti per gravi e comprovati motivi.',
      'Everyone resident in the Municipality of Pisa, including minors; non-residents for serious and proven reasons.'
    ),
    howTo: l(
      "Prenota un appuntamento sull'agenda online o al telefono e presentati allo sportello anagrafe all'orario fissato. Durante l'appuntamento vengono acquisite foto, impronte digitali e l'eventuale consenso alla donazione degli organi.",
      'Book an appointment online or by phone and come to the registry desk at the agreed time. During the appointment your photo, fingerprints and any consent to organ donation are recorded.'
    ),
    requirements: l(
      'Una fototessera recente, la carta scaduta o la denuncia di smarrimento, il codice fiscale. Per i minori è necessario l’assenso di entrambi i genitori per la validità all’espatrio.',
      'A recent passport photo, the expired card or a loss report, and your tax code. For minors, both parents must consent for the card to be valid for travel abroad.'
    ),
    outcome: l(
      'Ricevi la carta per posta entro 6 giorni lavorativi, oppure la ritiri in Comune se lo hai scelto.',
      'You receive the card by post within 6 working days, or collect it at the town hall if you chose so.'
    ),
    timing: l(
      'La carta viene consegnata entro 6 giorni lavorativi dalla richiesta allo sportello.',
      'The card is delivered within 6 working days of the application at the desk.'
    ),
    costs: l(
      '22,21 euro (27,37 euro in caso di smarrimento o deterioramento), da pagare con PagoPA o allo sportello.',
      '22.21 euro (27.37 euro if lost or damaged), payable via PagoPA or at the desk.'
    ),
    channels: [
      online('/servizi/carta-identita/prenota', 'Prenota appuntamento', 'Book an appointment'),
      office('Sportello Anagrafe, Via Cesare Battisti 71', 'Registry desk, Via Cesare Battisti 71'),
      phone('050 910 711', 'Prenotazione telefonica', 'Booking by phone'),
    ],
    officeSlug: 'ufficio-anagrafe',
    topicSlugs: ['anagrafe'],
    status: 'active',
  },
  {
    slug: 'cambio-residenza',
    title: l('Cambio di residenza', 'Change of residence'),
    summary: l(
      'Dichiarare il trasferimento della residenza a Pisa o il cambio di indirizzo all’interno del Comune.',
      'Declare that you are moving your residence to Pisa or changing address within the municipality.'
    ),
    description: l(
      'La dichiarazione di residenza aggiorna l’anagrafe e, di conseguenza, patente, libretto di circolazione e tessera elettorale. La Polizia Municipale verifica la dimora abituale entro 45 giorni.',
      'The residence declaration updates the population register and, as a result, your driving licence, vehicle registration and electoral card. The Municipal Police checks your habitual residence within 45 days.'
    ),
    audience: l(
      'Cittadini italiani, comunitari ed extracomunitari che stabiliscono la dimora abituale a Pisa.',
      'Italian, EU and non-EU citizens who establish their habitual residence in Pisa.'
    ),
    howTo: l(
      'Compila la dichiarazione online con SPID o CIE, oppure invia il modulo firmato via PEC o e-mail allegando i documenti. Indica tutte le persone che si trasferiscono con te.',
      'Fill in the declaration online with SPID or CIE, or send the signed form via PEC or e-mail together with the documents. List everyone moving with you.'
    ),
    requirements: l(
      'Documento di identità di tutti i componenti, titolo di occupazione dell’alloggio (contratto di affitto, atto di proprietà o comodato), patenti e libretti dei veicoli.',
      'Identity documents of all household members, title to occupy the home (lease, deed of ownership or loan for use), driving licences and vehicle registrations.'
    ),
    outcome: l(
      'La residenza decorre dalla data della dichiarazione; se gli accertamenti non danno esito negativo entro 45 giorni il cambio diventa definitivo.',
      'Residence takes effect from the date of the declaration; if checks are not negative within 45 days the change becomes final.'
    ),
    timing: l(
      'Registrazione entro 2 giorni lavorativi; conclusione del procedimento entro 45 giorni.',
      'Registration within 2 working days; procedure completed within 45 days.'
    ),
    costs: l('Il servizio è gratuito.', 'The service is free of charge.'),
    channels: [
      online('/servizi/cambio-residenza'),
      {
        kind: 'pec',
        label: l('Invio via PEC', 'Send via PEC'),
        url: 'mailto:anagrafe@pec.comune.pisa.example',
      },
      {
        kind: 'email',
        label: l('Invio via e-mail', 'Send via e-mail'),
        url: 'mailto:anagrafe@comune.pisa.example',
      },
    ],
    officeSlug: 'ufficio-anagrafe',
    topicSlugs: ['anagrafe'],
    status: 'active',
  },
  {
    slug: 'certificati-anagrafici',
    title: l('Certificati anagrafici', 'Registry certificates'),
    summary: l(
      'Ottenere certificati di residenza, stato di famiglia, cittadinanza e stato libero.',
      'Obtain certificates of residence, family status, citizenship and marital status.'
    ),
    description: l(
      'I certificati anagrafici possono essere scaricati gratuitamente dall’Anagrafe nazionale (ANPR) o richiesti allo sportello. Ricorda che la pubblica amministrazione non può chiederti certificati: puoi sempre usare l’autocertificazione.',
      'Registry certificates can be downloaded free of charge from the National Registry (ANPR) or requested at the desk. Remember that public offices cannot ask you for certificates: you can always use a self-declaration.'
    ),
    audience: l(
      'Persone residenti a Pisa o chiunque abbia bisogno di un certificato relativo a una persona residente.',
      'People resident in Pisa, or anyone who needs a certificate about a resident.'
    ),
    howTo: l(
      'Accedi con SPID o CIE al portale ANPR e scarica il certificato in PDF, oppure presentati allo sportello anagrafe senza appuntamento nelle mattine di apertura.',
      'Log in to the ANPR portal with SPID or CIE and download the certificate as a PDF, or go to the registry desk without an appointment during morning opening hours.'
    ),
    requirements: l(
      'Documento di identità; per i certificati storici, i dati della persona e il periodo di interesse.',
      'An identity document; for historical certificates, the person’s details and the period concerned.'
    ),
    outcome: l(
      'Ottieni il certificato con valore legale, firmato digitalmente o con timbro dell’ufficio.',
      'You get a legally valid certificate, digitally signed or stamped by the office.'
    ),
    timing: l(
      'Immediato online e allo sportello; fino a 30 giorni per i certificati storici.',
      'Immediate online and at the desk; up to 30 days for historical certificates.'
    ),
    costs: l(
      'Gratuito online. Allo sportello: 0,26 euro in carta libera o 16 euro di marca da bollo più 0,52 euro di diritti.',
      'Free online. At the desk: 0.26 euro on plain paper, or a 16 euro revenue stamp plus 0.52 euro in fees.'
    ),
    channels: [
      online('/servizi/certificati-anagrafici', 'Scarica da ANPR', 'Download from ANPR'),
      office('Sportello Anagrafe, Via Cesare Battisti 71', 'Registry desk, Via Cesare Battisti 71'),
    ],
    officeSlug: 'ufficio-anagrafe',
    topicSlugs: ['anagrafe'],
    status: 'active',
  },
  {
    slug: 'tari-pagamento-riduzioni',
    title: l('TARI: pagamento, riduzioni e agevolazioni', 'TARI waste tax: payment and reductions'),
    summary: l(
      'Pagare la tassa sui rifiuti, dichiarare variazioni e chiedere riduzioni.',
      'Pay the waste tax, report changes and apply for reductions.'
    ),
    description: l(
      'La TARI finanzia il servizio di raccolta e smaltimento dei rifiuti. L’avviso arriva a casa con i modelli PagoPA per le rate di maggio, settembre e dicembre. Sono previste riduzioni per compostaggio domestico, unico occupante e nuclei con ISEE basso.',
      'TARI funds waste collection and disposal. The notice arrives by post with PagoPA forms for the May, September and December instalments. Reductions are available for home composting, single occupants and low-ISEE households.'
    ),
    audience: l(
      'Chi occupa o detiene locali o aree nel Comune di Pisa, famiglie e attività.',
      'Anyone occupying or holding premises or areas in the Municipality of Pisa, households and businesses.'
    ),
    howTo: l(
      'Paga con i moduli PagoPA allegati all’avviso o dal portale tributi. Per variazioni e riduzioni compila la dichiarazione online entro il 30 giugno dell’anno successivo.',
      'Pay with the PagoPA forms attached to the notice or on the tax portal. For changes and reductions, fill in the online declaration by 30 June of the following year.'
    ),
    requirements: l(
      'Codice fiscale dell’intestatario, dati catastali e superficie dei locali; per le riduzioni sociali, attestazione ISEE in corso di validità.',
      'Tax code of the account holder, cadastral data and floor area of the premises; for social reductions, a valid ISEE certificate.'
    ),
    outcome: l(
      'Il pagamento viene registrato automaticamente; le riduzioni sono applicate nell’avviso successivo o con rimborso.',
      'Payments are recorded automatically; reductions are applied to the next notice or refunded.'
    ),
    timing: l(
      'Risposta alle istanze di riduzione o rimborso entro 90 giorni.',
      'Reduction or refund applications are answered within 90 days.'
    ),
    costs: l(
      'L’importo dipende dalla superficie e dal numero di componenti del nucleo, secondo le tariffe approvate dal Consiglio comunale.',
      'The amount depends on floor area and household size, according to the rates approved by the City Council.'
    ),
    channels: [
      online('/servizi/tari', 'Portale tributi', 'Tax portal'),
      office(
        'Ufficio Tributi, Via Cesare Battisti 71',
        'Local Taxes Office, Via Cesare Battisti 71'
      ),
      phone('050 910 721', 'Assistenza telefonica tributi', 'Tax helpline'),
      {
        kind: 'pec',
        label: l('Istanze via PEC', 'Applications via PEC'),
        url: 'mailto:tributi@pec.comune.pisa.example',
      },
    ],
    officeSlug: 'ufficio-tributi',
    topicSlugs: ['tributi'],
    status: 'active',
  },
  {
    slug: 'iscrizione-asilo-nido',
    title: l('Iscrizione all’asilo nido', 'Nursery school enrolment'),
    summary: l(
      'Presentare la domanda di ammissione ai nidi d’infanzia comunali e convenzionati.',
      'Apply for a place in municipal and partner nurseries.'
    ),
    description: l(
      'Il Comune di Pisa offre posti nei nidi comunali e in quelli privati convenzionati per bambini da 3 a 36 mesi. Le graduatorie tengono conto della situazione lavorativa dei genitori e dell’ISEE.',
      'The Municipality of Pisa offers places in municipal and partner private nurseries for children aged 3 to 36 months. Rankings take into account the parents’ employment and ISEE.'
    ),
    audience: l(
      'Famiglie residenti a Pisa con bambini nati entro la data indicata nel bando.',
      'Families resident in Pisa with children born by the date stated in the call.'
    ),
    howTo: l(
      'Compila la domanda online con SPID o CIE nel periodo indicato dal bando, di solito dal 1° aprile al 15 maggio. Puoi indicare fino a tre nidi in ordine di preferenza.',
      'Fill in the application online with SPID or CIE during the period set in the call, usually 1 April to 15 May. You can list up to three nurseries in order of preference.'
    ),
    requirements: l(
      'Attestazione ISEE per prestazioni rivolte ai minorenni, certificazione vaccinale, eventuale documentazione su disabilità o situazioni di fragilità.',
      'ISEE certificate for benefits for minors, vaccination certificate, any documents on disability or vulnerability.'
    ),
    outcome: l(
      'Ricevi l’esito con la posizione in graduatoria e, in caso di ammissione, la data di inizio dell’inserimento.',
      'You receive the outcome with your position in the ranking and, if admitted, the settling-in start date.'
    ),
    timing: l(
      'Graduatoria provvisoria entro il 30 giugno, definitiva entro il 20 luglio.',
      'Provisional ranking by 30 June, final ranking by 20 July.'
    ),
    costs: l(
      'La domanda è gratuita; la retta mensile varia da 50 a 480 euro in base all’ISEE.',
      'Applying is free; the monthly fee ranges from 50 to 480 euro depending on ISEE.'
    ),
    channels: [
      online('/servizi/asilo-nido/iscrizione'),
      office('Ufficio Nidi, Via Francesco Crispi 50', 'Nursery Office, Via Francesco Crispi 50'),
      phone('050 910 621', 'Informazioni telefoniche', 'Phone information'),
    ],
    officeSlug: 'ufficio-servizi-educativi',
    topicSlugs: ['servizi-scolastici'],
    status: 'active',
  },
  {
    slug: 'refezione-scolastica',
    title: l('Refezione scolastica', 'School meals'),
    summary: l(
      'Iscriversi al servizio mensa, chiedere diete speciali e pagare i pasti.',
      'Sign up for school meals, request special diets and pay for meals.'
    ),
    description: l(
      'Il servizio di refezione è attivo nelle scuole dell’infanzia, primarie e secondarie di primo grado a tempo prolungato. I menu sono stagionali e preparati con prodotti biologici e a filiera corta.',
      'School meals are provided in pre-schools, primary schools and full-time lower secondary schools. Menus are seasonal and prepared with organic and locally sourced products.'
    ),
    audience: l(
      'Famiglie degli alunni iscritti alle scuole statali del Comune di Pisa.',
      'Families of pupils enrolled in state schools in the Municipality of Pisa.'
    ),
    howTo: l(
      'Iscriviti online una sola volta per l’intero ciclo scolastico. Ricarica il borsellino elettronico con PagoPA; i pasti vengono scalati automaticamente in base alle presenze.',
      'Register online once for the whole school cycle. Top up the electronic wallet with PagoPA; meals are deducted automatically according to attendance.'
    ),
    requirements: l(
      'Codice fiscale del genitore e dell’alunno; per le diete speciali, certificato medico; per le tariffe agevolate, ISEE.',
      'Tax codes of parent and pupil; a medical certificate for special diets; ISEE for reduced fees.'
    ),
    outcome: l(
      'L’alunno è iscritto al servizio e la famiglia può consultare presenze e saldo online.',
      'The pupil is enrolled in the service and the family can check attendance and balance online.'
    ),
    timing: l(
      'Iscrizioni dal 1° giugno al 31 luglio; dieta speciale attiva entro 10 giorni dalla richiesta.',
      'Enrolment from 1 June to 31 July; special diets active within 10 days of the request.'
    ),
    costs: l(
      'Da 0,80 a 5,20 euro a pasto in base all’ISEE; riduzione del 20% dal secondo figlio.',
      'From 0.80 to 5.20 euro per meal depending on ISEE; 20% reduction from the second child.'
    ),
    channels: [
      online('/servizi/refezione-scolastica'),
      {
        kind: 'email',
        label: l('Scrivi all’ufficio', 'E-mail the office'),
        url: 'mailto:servizi.educativi@comune.pisa.example',
      },
    ],
    officeSlug: 'ufficio-servizi-educativi',
    topicSlugs: ['servizi-scolastici'],
    status: 'active',
  },
  {
    slug: 'contrassegno-disabili',
    title: l('Contrassegno di parcheggio per disabili', 'Disabled parking badge'),
    summary: l(
      'Ottenere il contrassegno europeo (CUDE) per la sosta e la circolazione dei veicoli al servizio di persone con disabilità.',
      'Obtain the European disabled parking badge (CUDE) for vehicles serving people with disabilities.'
    ),
    description: l(
      'Il contrassegno consente di parcheggiare negli stalli riservati, di accedere alla ZTL e di sostare gratuitamente nelle strisce blu. È personale e vale su qualsiasi veicolo che trasporta il titolare.',
      'The badge allows parking in reserved bays, access to the ZTL and free parking in blue-line bays. It is personal and valid on any vehicle carrying the holder.'
    ),
    audience: l(
      'Persone residenti a Pisa con capacità di deambulazione impedita o sensibilmente ridotta e persone non vedenti.',
      'People resident in Pisa whose ability to walk is prevented or severely reduced, and blind people.'
    ),
    howTo: l(
      'Presenta la domanda online o allo sportello allegando la certificazione medica dell’ASL. Per il rinnovo del contrassegno permanente basta il certificato del medico curante.',
      'Apply online or at the desk, attaching the medical certificate issued by the local health authority. Permanent badges can be renewed with a GP certificate.'
    ),
    requirements: l(
      'Certificato della Commissione medica ASL o verbale di invalidità con la dicitura specifica, una fototessera, documento di identità.',
      'Certificate from the local health authority’s medical board or disability report with the specific wording, one passport photo, an identity document.'
    ),
    outcome: l(
      'Ricevi il contrassegno CUDE valido 5 anni (o per la durata indicata nel certificato se temporaneo).',
      'You receive a CUDE badge valid for 5 years (or for the period stated in the certificate if temporary).'
    ),
    timing: l(
      'Rilascio entro 30 giorni dalla domanda completa.',
      'Issued within 30 days of a complete application.'
    ),
    costs: l('Il contrassegno è gratuito.', 'The badge is free of charge.'),
    channels: [
      online('/servizi/contrassegno-disabili'),
      office(
        'Ufficio Mobilità, Lungarno Galileo Galilei 43',
        'Mobility Office, Lungarno Galileo Galilei 43'
      ),
    ],
    officeSlug: 'ufficio-mobilita-trasporti',
    topicSlugs: ['barriere-architettoniche'],
    status: 'active',
  },
  {
    slug: 'permesso-ztl-residenti',
    title: l('Permesso ZTL per residenti', 'ZTL permit for residents'),
    summary: l(
      'Richiedere il permesso per transitare e sostare nella Zona a Traffico Limitato del centro storico.',
      'Apply for a permit to drive and park in the historic centre’s Limited Traffic Zone.'
    ),
    description: l(
      'I residenti nel centro storico possono ottenere un permesso per accedere al proprio settore ZTL e sostare negli stalli riservati. Il permesso è digitale e collegato alla targa: non serve esporre alcun tagliando.',
      'Residents of the historic centre can obtain a permit to access their ZTL sector and park in reserved bays. The permit is digital and linked to the number plate: no paper permit needs to be displayed.'
    ),
    audience: l(
      'Persone residenti nella ZTL proprietarie o utilizzatrici abituali di un veicolo.',
      'People resident in the ZTL who own or habitually use a vehicle.'
    ),
    howTo: l(
      'Compila la domanda online con SPID o CIE indicando la targa del veicolo e paga i diritti con PagoPA. Il permesso si rinnova ogni due anni dallo stesso servizio.',
      'Fill in the application online with SPID or CIE stating the vehicle number plate and pay the fee with PagoPA. The permit is renewed every two years through the same service.'
    ),
    requirements: l(
      'Residenza nella ZTL, libretto di circolazione; per auto aziendali o in leasing, dichiarazione di uso esclusivo.',
      'Residence in the ZTL and vehicle registration; for company or leased cars, a declaration of exclusive use.'
    ),
    outcome: l(
      'La targa viene inserita nella lista autorizzata dei varchi elettronici.',
      'The number plate is added to the list of plates authorised at the electronic gates.'
    ),
    timing: l('Attivazione entro 5 giorni lavorativi.', 'Activated within 5 working days.'),
    costs: l(
      '40 euro per il primo veicolo, 80 euro per il secondo; validità biennale.',
      '40 euro for the first vehicle, 80 euro for the second; valid for two years.'
    ),
    channels: [
      online('/servizi/ztl/permesso-residenti'),
      office(
        'Ufficio Mobilità, Lungarno Galileo Galilei 43',
        'Mobility Office, Lungarno Galileo Galilei 43'
      ),
      phone('050 910 421', 'Informazioni ZTL', 'ZTL information'),
    ],
    officeSlug: 'ufficio-mobilita-trasporti',
    topicSlugs: ['segnaletica-stradale'],
    status: 'active',
  },
  {
    slug: 'passo-carrabile',
    title: l('Passo carrabile', 'Driveway permit'),
    summary: l(
      'Chiedere l’autorizzazione e il cartello per un accesso carrabile a un’area privata.',
      'Apply for authorisation and the official sign for vehicle access to private property.'
    ),
    description: l(
      'Il passo carrabile garantisce l’accesso dei veicoli a garage e cortili vietando la sosta davanti all’ingresso. L’autorizzazione comporta il rilascio del cartello segnaletico numerato e il pagamento del canone unico.',
      'A driveway permit guarantees vehicle access to garages and courtyards by prohibiting parking in front of the entrance. The authorisation includes a numbered sign and payment of the single public land fee.'
    ),
    audience: l(
      'Proprietari, amministratori di condominio e titolari di attività con accesso carrabile su strada comunale.',
      'Owners, building managers and businesses with vehicle access onto a municipal road.'
    ),
    howTo: l(
      'Presenta la domanda online allegando planimetria e foto dell’accesso. L’ufficio verifica la conformità al Codice della strada e, se serve, effettua un sopralluogo.',
      'Apply online attaching a site plan and photos of the access. The office checks compliance with the Highway Code and, if necessary, carries out a site inspection.'
    ),
    requirements: l(
      'Titolo di proprietà o delega dell’assemblea condominiale, planimetria quotata, due marche da bollo da 16 euro.',
      'Proof of ownership or the condominium assembly’s mandate, a dimensioned site plan, two 16 euro revenue stamps.'
    ),
    outcome: l(
      'Ricevi l’autorizzazione e ritiri il cartello numerato da installare a cura del richiedente.',
      'You receive the authorisation and collect the numbered sign, which you install yourself.'
    ),
    timing: l(
      'Conclusione entro 60 giorni dalla domanda.',
      'Completed within 60 days of the application.'
    ),
    costs: l(
      '2 marche da bollo da 16 euro, 30 euro per il cartello e il canone annuo calcolato sui metri di apertura.',
      'Two 16 euro revenue stamps, 30 euro for the sign and the annual fee based on the width of the opening.'
    ),
    channels: [
      online('/servizi/passo-carrabile'),
      {
        kind: 'pec',
        label: l('Invio via PEC', 'Send via PEC'),
        url: 'mailto:suolo.pubblico@pec.comune.pisa.example',
      },
    ],
    officeSlug: 'ufficio-suolo-pubblico',
    topicSlugs: ['suolo-pubblico'],
    status: 'active',
  },
  {
    slug: 'occupazione-suolo-pubblico',
    title: l('Occupazione di suolo pubblico', 'Public land occupation permit'),
    summary: l(
      'Ottenere la concessione per occupare temporaneamente strade e piazze con ponteggi, dehors, traslochi o eventi.',
      'Obtain a permit to temporarily occupy streets and squares with scaffolding, outdoor seating, removals or events.'
    ),
    description: l(
      'Ogni occupazione di spazi pubblici richiede una concessione e il pagamento del canone unico patrimoniale. Nel centro storico e in Piazza dei Miracoli valgono regole specifiche di tutela del decoro.',
      'Any occupation of public space requires a permit and payment of the single public land fee. Specific decorum rules apply in the historic centre and Piazza dei Miracoli.'
    ),
    audience: l(
      'Cittadini, imprese, associazioni ed enti che devono occupare suolo pubblico.',
      'Citizens, businesses, associations and organisations needing to occupy public land.'
    ),
    howTo: l(
      'Invia la domanda online almeno 15 giorni prima dell’occupazione (5 giorni per i traslochi). Indica superficie, durata e tipo di occupazione e allega la planimetria.',
      'Submit the application online at least 15 days before the occupation (5 days for removals). State area, duration and type of occupation and attach a site plan.'
    ),
    requirements: l(
      'Marca da bollo da 16 euro, planimetria, eventuale nulla osta della Soprintendenza per le aree vincolate.',
      'A 16 euro revenue stamp, site plan, and clearance from the Heritage Office for protected areas where required.'
    ),
    outcome: l(
      'Ricevi la concessione con l’importo del canone da pagare prima dell’inizio dell’occupazione.',
      'You receive the permit with the fee due before the occupation begins.'
    ),
    timing: l(
      '5 giorni per traslochi, 30 giorni per ponteggi ed eventi, 60 giorni per dehors permanenti.',
      '5 days for removals, 30 days for scaffolding and events, 60 days for permanent outdoor seating.'
    ),
    costs: l(
      'Marca da bollo e canone unico in base a superficie, durata e zona della città.',
      'Revenue stamp and single fee based on area, duration and city zone.'
    ),
    channels: [
      online('/servizi/suolo-pubblico'),
      office(
        'Ufficio Suolo Pubblico, Via Cesare Battisti 71',
        'Public Land Office, Via Cesare Battisti 71'
      ),
    ],
    officeSlug: 'ufficio-suolo-pubblico',
    topicSlugs: ['suolo-pubblico'],
    status: 'active',
  },
  {
    slug: 'segnalazione-disservizio',
    title: l('Segnalazione di un disservizio', 'Report a problem in the city'),
    summary: l(
      'Segnalare buche, lampioni spenti, rifiuti abbandonati e altri problemi in città.',
      'Report potholes, broken street lights, dumped waste and other problems in the city.'
    ),
    description: l(
      'Con il servizio di segnalazione puoi indicare sulla mappa un problema su strade, verde, illuminazione o decoro urbano. La segnalazione viene assegnata all’ufficio competente e puoi seguirne lo stato fino alla chiusura.',
      'With the reporting service you can pin a problem with roads, green spaces, lighting or urban decorum on the map. The report is assigned to the competent office and you can follow its status until it is closed.'
    ),
    audience: l(
      'Chiunque viva, lavori o si trovi a Pisa.',
      'Anyone who lives, works or is staying in Pisa.'
    ),
    howTo: l(
      'Scegli la categoria, indica il punto sulla mappa, descrivi il problema e, se puoi, allega una foto. Per le emergenze che mettono a rischio le persone chiama la Polizia Municipale.',
      'Choose the category, mark the spot on the map, describe the problem and attach a photo if you can. For emergencies that put people at risk, call the Municipal Police.'
    ),
    requirements: l(
      'Nessun requisito; per ricevere aggiornamenti indica un indirizzo e-mail o accedi con SPID o CIE.',
      'No requirements; to receive updates give an e-mail address or log in with SPID or CIE.'
    ),
    outcome: l(
      'Ricevi un numero di pratica e gli aggiornamenti sullo stato fino alla risoluzione.',
      'You receive a case number and status updates until the problem is solved.'
    ),
    timing: l(
      'I tempi dipendono dalla categoria e sono indicati nella Carta dei servizi (ad esempio 15 giorni per una buca, 24 ore se pericolosa).',
      'Times depend on the category and are set out in the Service Charter (for example 15 days for a pothole, 24 hours if dangerous).'
    ),
    costs: l('Il servizio è gratuito.', 'The service is free of charge.'),
    channels: [
      online('/segnalazioni/nuova', 'Invia una segnalazione', 'Send a report'),
      phone('050 910 200', 'URP', 'URP'),
      office('URP, Piazza XX Settembre 1', 'URP, Piazza XX Settembre 1'),
    ],
    officeSlug: 'urp',
    topicSlugs: [
      'buche-strade',
      'marciapiedi',
      'illuminazione-pubblica',
      'rifiuti-abbandonati',
      'verde-alberi',
      'qualita-servizio',
    ],
    status: 'active',
  },
  {
    slug: 'accesso-agli-atti',
    title: l('Accesso agli atti e accesso civico', 'Access to records and civic access'),
    summary: l(
      'Richiedere copia o visione di documenti, dati e informazioni detenuti dal Comune.',
      'Request a copy of, or to view, documents, data and information held by the municipality.'
    ),
    description: l(
      'L’accesso documentale è riservato a chi ha un interesse diretto e concreto; l’accesso civico generalizzato permette a chiunque di richiedere dati e documenti ulteriori rispetto a quelli pubblicati, nel rispetto dei limiti di legge.',
      'Access to documents is reserved for those with a direct and concrete interest; general civic access allows anyone to request data and documents beyond those already published, within legal limits.'
    ),
    audience: l(
      'Cittadini, imprese e associazioni; per l’accesso civico chiunque, senza motivazione.',
      'Citizens, businesses and associations; for civic access anyone, with no reason required.'
    ),
    howTo: l(
      'Compila il modulo online indicando i documenti richiesti in modo da permetterne l’individuazione. L’URP trasmette la richiesta all’ufficio che detiene gli atti e ti comunica l’esito.',
      'Fill in the online form describing the documents precisely enough for them to be found. The URP forwards the request to the office holding the records and informs you of the outcome.'
    ),
    requirements: l(
      'Documento di identità; per l’accesso documentale, la motivazione dell’interesse.',
      'An identity document; for access to documents, the grounds of your interest.'
    ),
    outcome: l(
      'Ricevi i documenti in formato digitale o un appuntamento per la visione; l’eventuale diniego è motivato.',
      'You receive the documents digitally or an appointment to view them; any refusal is justified.'
    ),
    timing: l('Entro 30 giorni dalla richiesta.', 'Within 30 days of the request.'),
    costs: l(
      'Gratuito per la visione e i documenti digitali; 0,10 euro a pagina per le copie cartacee.',
      'Free for viewing and digital documents; 0.10 euro per page for paper copies.'
    ),
    channels: [
      online('/servizi/accesso-atti'),
      {
        kind: 'pec',
        label: l('Invio via PEC', 'Send via PEC'),
        url: 'mailto:urp@pec.comune.pisa.example',
      },
      office('URP, Piazza XX Settembre 1', 'URP, Piazza XX Settembre 1'),
    ],
    officeSlug: 'urp',
    topicSlugs: ['accesso-atti'],
    status: 'active',
  },
  {
    slug: 'contributo-affitto',
    title: l('Contributo affitto', 'Rent allowance'),
    summary: l(
      'Chiedere il contributo ad integrazione dei canoni di locazione per famiglie a basso reddito.',
      'Apply for the rent supplement for low-income families.'
    ),
    description: l(
      'Il contributo aiuta le famiglie in affitto a sostenere il canone, con fondi regionali e comunali. Il bando viene pubblicato ogni anno e la graduatoria tiene conto dell’incidenza dell’affitto sul reddito.',
      'The allowance helps renting families pay their rent, using regional and municipal funds. The call is published every year and the ranking takes into account how much of the income goes on rent.'
    ),
    audience: l(
      'Nuclei familiari residenti a Pisa titolari di un contratto di affitto registrato, con ISEE entro le soglie del bando.',
      'Households resident in Pisa with a registered rental contract and ISEE within the thresholds of the call.'
    ),
    howTo: l(
      'Presenta la domanda online entro la scadenza del bando. Se hai bisogno di aiuto puoi prendere appuntamento con lo sportello sociale o rivolgerti ai CAF convenzionati.',
      'Apply online by the deadline in the call. If you need help, book an appointment at the social desk or contact a partner tax assistance centre (CAF).'
    ),
    requirements: l(
      'ISEE in corso di validità, contratto di locazione registrato, ricevute di pagamento dei canoni.',
      'A valid ISEE, a registered lease, rent payment receipts.'
    ),
    outcome: l(
      'Vieni inserito in graduatoria; il contributo viene liquidato sul conto corrente indicato.',
      'You are placed in the ranking; the allowance is paid into the bank account you indicate.'
    ),
    timing: l(
      'Graduatoria entro 90 giorni dalla chiusura del bando; pagamento entro la fine dell’anno.',
      'Ranking within 90 days of the call closing; payment by the end of the year.'
    ),
    costs: l('La domanda è gratuita.', 'Applying is free of charge.'),
    channels: [
      online('/servizi/contributo-affitto'),
      office('Sportello sociale, Via Francesco Crispi 50', 'Social desk, Via Francesco Crispi 50'),
      phone('050 910 611', 'Informazioni', 'Information'),
    ],
    officeSlug: 'ufficio-servizi-sociali',
    topicSlugs: ['servizi-sociali'],
    status: 'active',
  },
  {
    slug: 'bonus-sociali',
    title: l('Bonus sociali e sostegno economico', 'Social bonuses and financial support'),
    summary: l(
      'Accedere a contributi economici straordinari, bonus per le utenze e agevolazioni per famiglie in difficoltà.',
      'Access one-off financial support, utility bonuses and help for families in difficulty.'
    ),
    description: l(
      'Il Comune sostiene le persone in temporanea difficoltà economica con contributi una tantum e con l’agevolazione sulla tariffa idrica. Ogni richiesta viene valutata dall’assistente sociale con un progetto personalizzato.',
      'The municipality supports people in temporary financial difficulty with one-off payments and a water tariff reduction. Each request is assessed by a social worker with a personalised plan.'
    ),
    audience: l(
      'Persone e famiglie residenti a Pisa con ISEE inferiore alle soglie stabilite dal regolamento.',
      'People and families resident in Pisa with ISEE below the thresholds set by the regulations.'
    ),
    howTo: l(
      'Prenota un colloquio con il segretariato sociale; l’assistente sociale valuta la situazione e ti aiuta a presentare la domanda.',
      'Book an interview with the social secretariat; a social worker assesses your situation and helps you apply.'
    ),
    requirements: l(
      'ISEE in corso di validità, documento di identità, documentazione su spese e situazione lavorativa.',
      'A valid ISEE, identity document, documents on expenses and employment.'
    ),
    outcome: l(
      'Ricevi il contributo o l’agevolazione prevista dal progetto concordato.',
      'You receive the payment or reduction provided for in the agreed plan.'
    ),
    timing: l('Esito entro 45 giorni dal colloquio.', 'Decision within 45 days of the interview.'),
    costs: l('Il servizio è gratuito.', 'The service is free of charge.'),
    channels: [
      office(
        'Segretariato sociale, Via Francesco Crispi 50',
        'Social secretariat, Via Francesco Crispi 50'
      ),
      phone('050 910 611', 'Prenota un colloquio', 'Book an interview'),
      {
        kind: 'email',
        label: l('Scrivi ai servizi sociali', 'E-mail social services'),
        url: 'mailto:servizi.sociali@comune.pisa.example',
      },
    ],
    officeSlug: 'ufficio-servizi-sociali',
    topicSlugs: ['servizi-sociali'],
    status: 'active',
  },
  {
    slug: 'ritiro-ingombranti',
    title: l('Ritiro ingombranti a domicilio', 'Bulky waste collection at home'),
    summary: l(
      'Prenotare il ritiro gratuito di mobili, materassi ed elettrodomestici davanti a casa.',
      'Book free kerbside collection of furniture, mattresses and household appliances.'
    ),
    description: l(
      'Il gestore del servizio rifiuti ritira gratuitamente fino a 5 pezzi ingombranti per prenotazione. In alternativa puoi conferirli ai centri di raccolta.',
      'The waste operator collects up to 5 bulky items per booking free of charge. Alternatively you can take them to a recycling centre.'
    ),
    audience: l(
      'Utenze domestiche iscritte a ruolo TARI nel Comune di Pisa.',
      'Households registered for TARI in the Municipality of Pisa.'
    ),
    howTo: l(
      'Prenota online o al numero verde del gestore e lascia gli oggetti sul marciapiede la sera prima della data concordata.',
      'Book online or via the operator’s freephone number and leave the items on the kerb the evening before the agreed date.'
    ),
    requirements: l(
      'Codice fiscale dell’intestatario TARI.',
      'Tax code of the TARI account holder.'
    ),
    outcome: l(
      'Gli ingombranti vengono ritirati nella data concordata.',
      'The items are collected on the agreed date.'
    ),
    timing: l(
      'Ritiro entro 15 giorni dalla prenotazione.',
      'Collection within 15 days of booking.'
    ),
    costs: l('Gratuito fino a 5 pezzi.', 'Free for up to 5 items.'),
    channels: [
      online('/servizi/ingombranti', 'Prenota online', 'Book online'),
      phone('050 910 900', 'Numero del gestore', 'Operator helpline'),
    ],
    officeSlug: 'gestore-rifiuti',
    topicSlugs: ['rifiuti-abbandonati', 'cassonetti-pieni'],
    status: 'suspended',
    suspensionReason: l(
      'Servizio temporaneamente sospeso fino al 30 settembre per il passaggio al nuovo sistema di prenotazione del gestore. Nel frattempo gli ingombranti possono essere portati ai centri di raccolta.',
      'Service temporarily suspended until 30 September while the operator moves to a new booking system. In the meantime bulky items can be taken to the recycling centres.'
    ),
  },
];

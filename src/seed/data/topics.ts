/**
 * Case topics (Open311 services). Report topics are geolocated; request and complaint topics
 * have duplicateRadiusMeters = 0 (no geographic duplicate detection).
 */
import type { Localized, TopicSeed } from './types';

function l(it: string, en: string): Localized {
  return { it, en };
}

export const topics: TopicSeed[] = [
  // --- Reports: roads --------------------------------------------------------------------------------
  {
    slug: 'buche-strade',
    code: 'ROAD-POTHOLE',
    name: l('Buche e manto stradale', 'Potholes and road surface'),
    description: l(
      'Buche, avvallamenti, asfalto sconnesso o cedimenti della carreggiata.',
      'Potholes, dips, broken asphalt or subsidence of the carriageway.'
    ),
    kinds: ['report'],
    officeSlug: 'ufficio-manutenzione-strade',
    resolutionDays: 15,
    urgentResolutionHours: 24,
    duplicateRadiusMeters: 30,
    duplicateWindowDays: 30,
    attributes: [
      {
        code: 'size',
        label: l('Dimensione della buca', 'Size of the pothole'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'small', name: l('Piccola (meno di 30 cm)', 'Small (under 30 cm)') },
          { key: 'medium', name: l('Media (30-100 cm)', 'Medium (30-100 cm)') },
          { key: 'large', name: l('Grande (oltre 1 m)', 'Large (over 1 m)') },
        ],
      },
      {
        code: 'lane',
        label: l('Posizione', 'Position'),
        datatype: 'singlevaluelist',
        required: false,
        values: [
          { key: 'carriageway', name: l('Carreggiata', 'Carriageway') },
          { key: 'cycle_lane', name: l('Pista ciclabile', 'Cycle lane') },
          { key: 'crossing', name: l('Attraversamento pedonale', 'Pedestrian crossing') },
        ],
      },
    ],
    sampleDescriptions: [
      l(
        'Buca profonda in mezzo alla corsia, le auto sterzano all’ultimo momento per evitarla.',
        'Deep pothole in the middle of the lane, cars swerve at the last moment to avoid it.'
      ),
      l(
        'Dopo la pioggia di ieri si è aperta una buca vicino all’attraversamento pedonale.',
        'After yesterday’s rain a pothole opened next to the pedestrian crossing.'
      ),
      l(
        'Asfalto tutto sconnesso davanti al civico 24, pericoloso per chi va in bicicletta.',
        'Broken asphalt in front of number 24, dangerous for cyclists.'
      ),
      l(
        'Tombino sprofondato di qualche centimetro, ogni macchina che passa fa un gran rumore.',
        'Manhole cover sunk by a few centimetres, every passing car makes a loud bang.'
      ),
      l(
        'Ho forato una gomma in una buca coperta dall’acqua vicino alla rotatoria.',
        'I got a flat tyre in a water-filled pothole near the roundabout.'
      ),
    ],
  },
  {
    slug: 'marciapiedi',
    code: 'ROAD-SIDEWALK',
    name: l('Marciapiedi dissestati', 'Damaged sidewalks'),
    description: l(
      'Marciapiedi rotti, mattonelle sollevate, cordoli danneggiati o radici che deformano il percorso.',
      'Broken sidewalks, loose paving stones, damaged kerbs or roots deforming the footpath.'
    ),
    kinds: ['report'],
    officeSlug: 'ufficio-manutenzione-strade',
    resolutionDays: 30,
    urgentResolutionHours: 48,
    duplicateRadiusMeters: 25,
    duplicateWindowDays: 45,
    sampleDescriptions: [
      l(
        'Mattonelle sollevate sul marciapiede, mia madre è inciampata ieri mattina.',
        'Raised paving tiles on the sidewalk, my mother tripped yesterday morning.'
      ),
      l(
        'Le radici dei pini hanno spaccato il marciapiede, non si passa con il passeggino.',
        'Pine roots have cracked the sidewalk, you cannot get through with a pushchair.'
      ),
      l(
        'Cordolo staccato all’angolo, sporge verso la strada.',
        'Kerb stone loose at the corner, sticking out into the road.'
      ),
      l(
        'Lastre di pietra del lastricato che si muovono quando ci si cammina sopra.',
        'Stone paving slabs rock when you walk on them.'
      ),
    ],
  },
  {
    slug: 'illuminazione-pubblica',
    code: 'LIGHT-OUT',
    name: l('Illuminazione pubblica guasta', 'Street light out'),
    description: l(
      'Lampioni spenti, accesi di giorno, intermittenti o pali danneggiati.',
      'Street lights that are out, on during the day, flickering, or damaged poles.'
    ),
    kinds: ['report'],
    officeSlug: 'ufficio-illuminazione-pubblica',
    resolutionDays: 7,
    urgentResolutionHours: 24,
    duplicateRadiusMeters: 50,
    duplicateWindowDays: 15,
    attributes: [
      {
        code: 'pole_number',
        label: l('Numero del palo (se visibile)', 'Pole number (if visible)'),
        datatype: 'string',
        required: false,
      },
      {
        code: 'extent',
        label: l('Quanti punti luce sono spenti?', 'How many lights are out?'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'single', name: l('Un solo lampione', 'A single light') },
          { key: 'several', name: l('Alcuni lampioni', 'Several lights') },
          { key: 'whole_street', name: l('Tutta la via', 'The whole street') },
        ],
      },
    ],
    sampleDescriptions: [
      l(
        'Da una settimana il lampione davanti al portone è spento, la sera la strada è buia.',
        'The street light in front of the door has been out for a week, the street is dark at night.'
      ),
      l(
        'Tutta la via è al buio da due giorni, anche i lampioni del parcheggio.',
        'The whole street has been dark for two days, including the car park lights.'
      ),
      l('Un lampione resta acceso anche di giorno.', 'A street light stays on during the day.'),
      l(
        'Palo della luce piegato dopo un incidente, sembra instabile.',
        'Light pole bent after an accident, it looks unstable.'
      ),
      l(
        'La luce sul lungarno lampeggia continuamente, dà fastidio e sembra guasta.',
        'The light on the lungarno keeps flickering, it is annoying and seems faulty.'
      ),
    ],
  },
  {
    slug: 'semafori',
    code: 'TRAFFIC-LIGHT',
    name: l('Semafori guasti', 'Faulty traffic lights'),
    description: l(
      'Semafori spenti, bloccati, lampeggianti o con lanterne danneggiate; pulsanti pedonali non funzionanti.',
      'Traffic lights that are off, stuck, flashing or damaged; pedestrian buttons not working.'
    ),
    kinds: ['report'],
    officeSlug: 'pm-ufficio-viabilita',
    resolutionDays: 2,
    urgentResolutionHours: 4,
    duplicateRadiusMeters: 40,
    duplicateWindowDays: 3,
    sampleDescriptions: [
      l(
        'Il semaforo all’incrocio è giallo lampeggiante da stamattina, traffico in tilt.',
        'The traffic light at the crossroads has been flashing amber since this morning, traffic is jammed.'
      ),
      l(
        'Il pulsante per la chiamata pedonale non funziona, il verde non arriva mai.',
        'The pedestrian call button does not work, the green light never comes.'
      ),
      l(
        'Lanterna del semaforo girata verso il marciapiede dopo il vento di stanotte.',
        'Traffic light head turned towards the sidewalk after last night’s wind.'
      ),
      l(
        'Il segnale acustico per non vedenti del semaforo è muto.',
        'The audible signal for blind people at the traffic light is silent.'
      ),
    ],
  },
  {
    slug: 'segnaletica-stradale',
    code: 'ROAD-SIGN',
    name: l('Segnaletica stradale', 'Road signs and markings'),
    description: l(
      'Cartelli abbattuti, girati o illeggibili e strisce pedonali sbiadite.',
      'Signs knocked down, turned or unreadable, and faded zebra crossings.'
    ),
    kinds: ['report'],
    officeSlug: 'pm-ufficio-viabilita',
    resolutionDays: 20,
    urgentResolutionHours: 24,
    duplicateRadiusMeters: 30,
    duplicateWindowDays: 30,
    attributes: [
      {
        code: 'sign_type',
        label: l('Tipo di segnaletica', 'Type of sign'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'vertical', name: l('Cartello stradale', 'Road sign') },
          { key: 'horizontal', name: l('Strisce e segnaletica a terra', 'Road markings') },
          { key: 'stop_give_way', name: l('Stop o dare precedenza', 'Stop or give way') },
        ],
      },
    ],
    sampleDescriptions: [
      l(
        'Il cartello di stop è stato abbattuto, chi arriva dalla traversa non lo vede più.',
        'The stop sign has been knocked down, drivers coming from the side street no longer see it.'
      ),
      l(
        'Strisce pedonali davanti alla scuola quasi invisibili, vanno ridipinte.',
        'The zebra crossing in front of the school is almost invisible and needs repainting.'
      ),
      l(
        'Il cartello del senso unico è girato e indica la direzione sbagliata.',
        'The one-way sign has been turned and points the wrong way.'
      ),
      l(
        'Cartello ZTL coperto dai rami, non si legge l’orario.',
        'ZTL sign covered by branches, the times cannot be read.'
      ),
    ],
  },

  // --- Reports: waste and decorum -------------------------------------------------------------------
  {
    slug: 'rifiuti-abbandonati',
    code: 'WASTE-ABANDONED',
    name: l('Rifiuti abbandonati', 'Dumped waste'),
    description: l(
      'Ingombranti, sacchi, materiali edili o rifiuti pericolosi lasciati su suolo pubblico.',
      'Bulky items, bags, building materials or hazardous waste left on public land.'
    ),
    kinds: ['report'],
    officeSlug: 'ufficio-igiene-urbana',
    resolutionDays: 7,
    urgentResolutionHours: 48,
    duplicateRadiusMeters: 50,
    duplicateWindowDays: 10,
    attributes: [
      {
        code: 'waste_type',
        label: l('Tipo di rifiuto', 'Type of waste'),
        datatype: 'multivaluelist',
        required: true,
        values: [
          {
            key: 'bulky',
            name: l('Ingombranti (mobili, materassi)', 'Bulky items (furniture, mattresses)'),
          },
          { key: 'bags', name: l('Sacchi di rifiuti', 'Bags of rubbish') },
          { key: 'construction', name: l('Materiale edile', 'Building rubble') },
          { key: 'electrical', name: l('Elettrodomestici (RAEE)', 'Electrical appliances (WEEE)') },
          {
            key: 'hazardous',
            name: l(
              'Possibile amianto o rifiuti pericolosi',
              'Possible asbestos or hazardous waste'
            ),
          },
          { key: 'tyres', name: l('Pneumatici', 'Tyres') },
        ],
      },
    ],
    sampleDescriptions: [
      l(
        'Un materasso e un divano lasciati accanto ai cassonetti da tre giorni.',
        'A mattress and a sofa left next to the bins for three days.'
      ),
      l(
        'Sacchi di calcinacci abbandonati sul bordo della strada vicino al fosso.',
        'Bags of rubble dumped on the roadside next to the ditch.'
      ),
      l(
        'Lastre ondulate che sembrano di amianto lasciate in un campo vicino alla pineta.',
        'Corrugated sheets that look like asbestos left in a field near the pine wood.'
      ),
      l(
        'Qualcuno ha scaricato un frigorifero e una lavatrice nel parcheggio.',
        'Someone dumped a fridge and a washing machine in the car park.'
      ),
      l(
        'Pneumatici usati abbandonati sotto il cavalcavia.',
        'Used tyres dumped under the flyover.'
      ),
    ],
  },
  {
    slug: 'cassonetti-pieni',
    code: 'WASTE-BIN-FULL',
    name: l('Cassonetti pieni o mancata raccolta', 'Overflowing bins or missed collection'),
    description: l(
      'Cassonetti e campane stracolmi, raccolta porta a porta non effettuata, contenitori rotti.',
      'Overflowing bins and bottle banks, missed door-to-door collection, broken containers.'
    ),
    kinds: ['report', 'complaint'],
    officeSlug: 'gestore-rifiuti',
    resolutionDays: 3,
    urgentResolutionHours: 24,
    firstResponseDays: 2,
    duplicateRadiusMeters: 40,
    duplicateWindowDays: 3,
    attributes: [
      {
        code: 'fraction',
        label: l('Frazione', 'Waste stream'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'residual', name: l('Indifferenziato', 'Residual waste') },
          { key: 'organic', name: l('Organico', 'Organic') },
          { key: 'paper', name: l('Carta e cartone', 'Paper and cardboard') },
          { key: 'plastic', name: l('Multimateriale', 'Plastic and cans') },
          { key: 'glass', name: l('Vetro', 'Glass') },
        ],
      },
    ],
    sampleDescriptions: [
      l(
        'Le campane del vetro sono piene e le bottiglie sono lasciate a terra.',
        'The glass banks are full and bottles are being left on the ground.'
      ),
      l(
        'Non è passato nessuno a ritirare l’organico martedì, il mastello è ancora fuori.',
        'Nobody collected the organic waste on Tuesday, the bin is still outside.'
      ),
      l(
        'Cassonetto dell’indifferenziato con il coperchio rotto, i gabbiani spargono tutto.',
        'Residual waste bin with a broken lid, seagulls scatter everything.'
      ),
      l(
        'Dopo il weekend i cassonetti in piazza traboccano, c’è un odore insopportabile.',
        'After the weekend the bins in the square are overflowing and the smell is unbearable.'
      ),
    ],
  },
  {
    slug: 'graffiti-decoro',
    code: 'URBAN-GRAFFITI',
    name: l('Scritte vandaliche e decoro urbano', 'Graffiti and urban decorum'),
    description: l(
      'Scritte e imbrattamenti su muri, monumenti e arredi pubblici; affissioni abusive.',
      'Graffiti and defacement on walls, monuments and street furniture; fly-posting.'
    ),
    kinds: ['report'],
    officeSlug: 'ufficio-igiene-urbana',
    resolutionDays: 30,
    urgentResolutionHours: 72,
    duplicateRadiusMeters: 30,
    duplicateWindowDays: 60,
    sampleDescriptions: [
      l(
        'Scritte con lo spray sulle mura medievali vicino alla porta.',
        'Spray-painted graffiti on the medieval walls near the gate.'
      ),
      l(
        'Scritta offensiva sulla pensilina dell’autobus, vicino a una scuola.',
        'Offensive writing on the bus shelter, close to a school.'
      ),
      l(
        'Panchine del giardino imbrattate con vernice.',
        'Benches in the garden daubed with paint.'
      ),
      l(
        'Manifesti abusivi attaccati su tutta la spalletta del lungarno.',
        'Illegal posters stuck all along the lungarno parapet.'
      ),
    ],
  },

  // --- Reports: green, water, vehicles ------------------------------------------------------------
  {
    slug: 'verde-alberi',
    code: 'GREEN-TREE',
    name: l('Verde pubblico e alberi', 'Public green and trees'),
    description: l(
      'Alberi caduti o pericolanti, rami spezzati, siepi che invadono la strada, erba alta nei giardini.',
      'Fallen or unstable trees, broken branches, hedges blocking the road, long grass in gardens.'
    ),
    kinds: ['report'],
    officeSlug: 'ufficio-verde-pubblico',
    resolutionDays: 20,
    urgentResolutionHours: 4,
    duplicateRadiusMeters: 50,
    duplicateWindowDays: 15,
    attributes: [
      {
        code: 'situation',
        label: l('Situazione', 'Situation'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'fallen_tree', name: l('Albero caduto', 'Fallen tree') },
          { key: 'dangerous_branch', name: l('Ramo pericolante', 'Dangerous branch') },
          { key: 'pruning', name: l('Potatura o siepe da tagliare', 'Pruning or hedge trimming') },
          { key: 'grass', name: l('Sfalcio erba', 'Grass cutting') },
        ],
      },
      {
        code: 'blocks_road',
        label: l('Ostruisce la carreggiata?', 'Is it blocking the road?'),
        datatype: 'singlevaluelist',
        required: false,
        values: [
          { key: 'yes', name: l('Sì', 'Yes') },
          { key: 'no', name: l('No', 'No') },
        ],
      },
    ],
    sampleDescriptions: [
      l(
        'Un pino è caduto sulla strada dopo il temporale, la carreggiata è bloccata.',
        'A pine tree fell onto the road after the storm, the carriageway is blocked.'
      ),
      l(
        'Grosso ramo spezzato che pende sopra il marciapiede, rischia di cadere su qualcuno.',
        'Large broken branch hanging over the sidewalk, it could fall on someone.'
      ),
      l(
        'Erba altissima nel giardino pubblico, i bambini non possono giocare.',
        'Very long grass in the public garden, children cannot play.'
      ),
      l(
        'La siepe invade la pista ciclabile e copre il cartello.',
        'The hedge is growing over the cycle lane and hiding the sign.'
      ),
      l(
        'Albero inclinato con le radici sollevate lungo il viale, sembra instabile.',
        'Leaning tree with lifted roots along the avenue, it looks unstable.'
      ),
    ],
  },
  {
    slug: 'aree-gioco',
    code: 'GREEN-PLAYGROUND',
    name: l('Aree gioco e arredi nei parchi', 'Playgrounds and park furniture'),
    description: l(
      'Giochi rotti, pavimentazione antitrauma danneggiata, panchine, fontanelle e recinzioni dei giardini.',
      'Broken play equipment, damaged safety flooring, benches, drinking fountains and garden fences.'
    ),
    kinds: ['report'],
    officeSlug: 'ufficio-verde-pubblico',
    resolutionDays: 15,
    urgentResolutionHours: 24,
    duplicateRadiusMeters: 40,
    duplicateWindowDays: 30,
    sampleDescriptions: [
      l(
        'Lo scivolo ha una lamiera staccata con lo spigolo tagliente.',
        'The slide has a loose metal panel with a sharp edge.'
      ),
      l(
        'Catena dell’altalena rotta, il seggiolino è a terra.',
        'The swing chain is broken and the seat is on the ground.'
      ),
      l(
        'Il cancello dell’area cani non si chiude più.',
        'The gate of the dog area no longer closes.'
      ),
      l(
        'La fontanella del parco perde acqua continuamente e si è formata una pozza.',
        'The drinking fountain in the park leaks continuously and a pool has formed.'
      ),
      l(
        'Pavimentazione antitrauma sollevata sotto i giochi, i bambini inciampano.',
        'Safety flooring lifted under the play equipment, children trip over it.'
      ),
    ],
  },
  {
    slug: 'perdite-caditoie',
    code: 'WATER-LEAK-DRAIN',
    name: l('Perdite d’acqua e caditoie', 'Water leaks and drains'),
    description: l(
      'Perdite d’acqua su strada, caditoie intasate, allagamenti e tombini che rigurgitano. Le perdite sulla rete idrica sono inoltrate al gestore del servizio idrico.',
      'Water leaks on the road, blocked drains, flooding and overflowing manholes. Leaks on the water mains are forwarded to the water utility.'
    ),
    kinds: ['report'],
    officeSlug: 'ufficio-manutenzione-strade',
    resolutionDays: 10,
    urgentResolutionHours: 12,
    duplicateRadiusMeters: 50,
    duplicateWindowDays: 7,
    sampleDescriptions: [
      l(
        'Esce acqua pulita dall’asfalto da ieri sera, sembra una tubatura rotta.',
        'Clean water has been coming out of the asphalt since last night, it looks like a burst pipe.'
      ),
      l(
        'Caditoie piene di foglie, ogni volta che piove la strada si allaga.',
        'Drains full of leaves, every time it rains the street floods.'
      ),
      l(
        'Il sottopasso si è allagato e le auto restano bloccate.',
        'The underpass has flooded and cars are getting stuck.'
      ),
      l(
        'Dal tombino esce acqua sporca e c’è un cattivo odore.',
        'Dirty water is coming out of the manhole and there is a bad smell.'
      ),
    ],
  },
  {
    slug: 'veicoli-abbandonati',
    code: 'VEHICLE-ABANDONED',
    name: l('Veicoli abbandonati', 'Abandoned vehicles'),
    description: l(
      'Auto, motorini o biciclette in evidente stato di abbandono su suolo pubblico.',
      'Cars, scooters or bicycles clearly abandoned on public land.'
    ),
    kinds: ['report'],
    officeSlug: 'pm-ufficio-viabilita',
    resolutionDays: 30,
    duplicateRadiusMeters: 30,
    duplicateWindowDays: 60,
    attributes: [
      {
        code: 'vehicle_type',
        label: l('Tipo di veicolo', 'Vehicle type'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'car', name: l('Automobile', 'Car') },
          { key: 'scooter', name: l('Motociclo o ciclomotore', 'Motorbike or scooter') },
          { key: 'bicycle', name: l('Bicicletta', 'Bicycle') },
          { key: 'trailer', name: l('Rimorchio o camper', 'Trailer or camper') },
        ],
      },
      {
        code: 'plate',
        label: l('Targa (se presente)', 'Number plate (if any)'),
        datatype: 'string',
        required: false,
      },
    ],
    sampleDescriptions: [
      l(
        'Auto senza targa ferma da mesi nel parcheggio, con le gomme a terra.',
        'Car without number plates parked for months, with flat tyres.'
      ),
      l(
        'Motorino senza ruote legato al palo da più di un anno.',
        'Scooter without wheels chained to a pole for more than a year.'
      ),
      l(
        'Diverse biciclette arrugginite e smontate nella rastrelliera della stazione.',
        'Several rusty, stripped bicycles in the rack at the station.'
      ),
      l(
        'Camper con i vetri rotti parcheggiato sul lungomare da tutto l’inverno.',
        'Camper van with broken windows parked on the seafront all winter.'
      ),
    ],
  },

  // --- Reports: environment, accessibility, transport ---------------------------------------------
  {
    slug: 'rumore',
    code: 'ENV-NOISE',
    name: l('Rumore e disturbo', 'Noise and disturbance'),
    description: l(
      'Rumori molesti da locali, cantieri, impianti o attività, soprattutto nelle ore notturne.',
      'Nuisance noise from bars, building sites, equipment or businesses, especially at night.'
    ),
    kinds: ['report', 'complaint'],
    officeSlug: 'ufficio-tutela-ambientale',
    resolutionDays: 30,
    firstResponseDays: 5,
    duplicateRadiusMeters: 80,
    duplicateWindowDays: 30,
    attributes: [
      {
        code: 'source',
        label: l('Fonte del rumore', 'Noise source'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'nightlife', name: l('Locali e movida', 'Bars and nightlife') },
          { key: 'construction', name: l('Cantiere', 'Building site') },
          {
            key: 'equipment',
            name: l(
              'Impianti (condizionatori, compressori)',
              'Equipment (air conditioners, compressors)'
            ),
          },
          { key: 'events', name: l('Eventi e musica all’aperto', 'Outdoor events and music') },
        ],
      },
      {
        code: 'observed_at',
        label: l('Quando è avvenuto', 'When did it happen'),
        datatype: 'datetime',
        required: false,
      },
    ],
    sampleDescriptions: [
      l(
        'Musica alta e gente in strada fino alle 3 di notte tutti i fine settimana.',
        'Loud music and people in the street until 3 a.m. every weekend.'
      ),
      l(
        'Il cantiere inizia a lavorare con il martello pneumatico alle 6:30.',
        'The building site starts using the jackhammer at 6:30 a.m.'
      ),
      l(
        'Il compressore del supermercato fa un ronzio continuo anche di notte.',
        'The supermarket compressor hums continuously, even at night.'
      ),
      l(
        'Bottiglie rotte e schiamazzi in piazza fino a tarda notte.',
        'Broken bottles and shouting in the square until late at night.'
      ),
    ],
  },
  {
    slug: 'animali-infestanti',
    code: 'ENV-ANIMALS-PESTS',
    name: l('Animali randagi e infestanti', 'Stray animals and pests'),
    description: l(
      'Cani vaganti, animali feriti o morti su strada, ratti, zanzare, nidi di vespe e processionaria.',
      'Stray dogs, injured or dead animals on the road, rats, mosquitoes, wasp nests and processionary caterpillars.'
    ),
    kinds: ['report'],
    officeSlug: 'ufficio-tutela-ambientale',
    resolutionDays: 10,
    urgentResolutionHours: 24,
    duplicateRadiusMeters: 100,
    duplicateWindowDays: 15,
    attributes: [
      {
        code: 'animal',
        label: l('Tipo di segnalazione', 'Type of report'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'stray_dog', name: l('Cane vagante', 'Stray dog') },
          { key: 'injured_animal', name: l('Animale ferito o morto', 'Injured or dead animal') },
          { key: 'rodents', name: l('Ratti e topi', 'Rats and mice') },
          {
            key: 'insects',
            name: l('Zanzare, vespe, processionaria', 'Mosquitoes, wasps, caterpillars'),
          },
          { key: 'pigeons', name: l('Piccioni e gabbiani', 'Pigeons and seagulls') },
        ],
      },
    ],
    sampleDescriptions: [
      l(
        'Ratti che escono dalla spalletta del lungarno la sera, vicino ai cassonetti.',
        'Rats coming out of the lungarno parapet in the evening, near the bins.'
      ),
      l(
        'Nidi di processionaria sui pini del giardino dove giocano i bambini.',
        'Processionary caterpillar nests on the pines in the garden where children play.'
      ),
      l(
        'Un cane senza collare gira da stamattina tra le auto in via trafficata.',
        'A dog without a collar has been wandering among the cars on a busy road since this morning.'
      ),
      l(
        'Gatto investito sul bordo della strada, qualcuno deve rimuoverlo.',
        'A cat has been run over on the side of the road, someone needs to remove it.'
      ),
      l(
        'Colonia di piccioni sotto il portico, pavimento sempre sporco.',
        'Colony of pigeons under the portico, the floor is always dirty.'
      ),
    ],
  },
  {
    slug: 'barriere-architettoniche',
    code: 'ACCESS-BARRIER',
    name: l('Barriere architettoniche', 'Architectural barriers'),
    description: l(
      'Ostacoli per persone con disabilità: scivoli mancanti, percorsi tattili interrotti, accessi non fruibili a edifici pubblici.',
      'Obstacles for people with disabilities: missing kerb ramps, interrupted tactile paths, inaccessible public buildings.'
    ),
    kinds: ['report', 'complaint'],
    officeSlug: 'ufficio-edilizia-barriere',
    resolutionDays: 45,
    firstResponseDays: 10,
    duplicateRadiusMeters: 30,
    duplicateWindowDays: 90,
    sampleDescriptions: [
      l(
        'Manca lo scivolo sul marciapiede all’attraversamento, con la carrozzina non si scende.',
        'There is no kerb ramp at the crossing, you cannot get down in a wheelchair.'
      ),
      l(
        'Il percorso tattile per non vedenti finisce contro un palo.',
        'The tactile path for blind people ends against a pole.'
      ),
      l(
        'L’ascensore dell’ufficio comunale è fuori servizio da settimane.',
        'The lift in the municipal office has been out of order for weeks.'
      ),
      l(
        'Dehors del bar che occupa tutto il marciapiede, le carrozzine devono scendere in strada.',
        'A café’s outdoor seating takes up the whole sidewalk, wheelchairs have to go into the road.'
      ),
    ],
  },
  {
    slug: 'fermate-trasporto',
    code: 'TRANSPORT-STOP',
    name: l('Fermate del trasporto pubblico', 'Public transport stops'),
    description: l(
      'Pensiline danneggiate, paline o orari mancanti, fermate non accessibili o occupate da auto in sosta.',
      'Damaged shelters, missing stop signs or timetables, inaccessible stops or stops blocked by parked cars.'
    ),
    kinds: ['report'],
    officeSlug: 'ufficio-mobilita-trasporti',
    resolutionDays: 20,
    urgentResolutionHours: 48,
    duplicateRadiusMeters: 30,
    duplicateWindowDays: 30,
    sampleDescriptions: [
      l(
        'Il vetro della pensilina è in frantumi, ci sono schegge sul marciapiede.',
        'The shelter glass is shattered, there are shards on the sidewalk.'
      ),
      l(
        'Alla fermata manca la tabella degli orari da mesi.',
        'The timetable has been missing from the stop for months.'
      ),
      l(
        'Auto sempre parcheggiate sulla fermata, l’autobus si ferma in mezzo alla strada.',
        'Cars always parked at the stop, the bus has to stop in the middle of the road.'
      ),
      l(
        'La fermata non ha una panchina né riparo, ci aspettano molti anziani.',
        'The stop has neither a bench nor a shelter, and many elderly people wait there.'
      ),
    ],
  },

  // --- Requests and complaints ------------------------------------------------------------------------
  {
    slug: 'tributi',
    code: 'TAX-LOCAL',
    name: l('Tributi locali (IMU, TARI)', 'Local taxes (IMU, TARI)'),
    description: l(
      'Domande su avvisi di pagamento, riduzioni, rimborsi, rateizzazioni e dichiarazioni IMU e TARI.',
      'Questions about payment notices, reductions, refunds, instalments and IMU and TARI declarations.'
    ),
    kinds: ['request', 'complaint'],
    officeSlug: 'ufficio-tributi',
    resolutionDays: 30,
    firstResponseDays: 5,
    duplicateRadiusMeters: 0,
    duplicateWindowDays: 7,
    attributes: [
      {
        code: 'tax',
        label: l('Tributo', 'Tax'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'tari', name: l('TARI (rifiuti)', 'TARI (waste)') },
          { key: 'imu', name: l('IMU', 'IMU (property tax)') },
          { key: 'cup', name: l('Canone unico patrimoniale', 'Single public land fee') },
        ],
      },
      {
        code: 'notice_number',
        label: l('Numero avviso', 'Notice number'),
        datatype: 'string',
        required: false,
      },
    ],
    sampleDescriptions: [
      l(
        'Ho ricevuto l’avviso TARI per un appartamento che ho venduto lo scorso anno.',
        'I received a TARI notice for a flat I sold last year.'
      ),
      l(
        'Vorrei sapere se ho diritto alla riduzione TARI per il compostaggio domestico.',
        'I would like to know whether I am entitled to the TARI reduction for home composting.'
      ),
      l(
        'Ho pagato due volte la stessa rata IMU, come chiedo il rimborso?',
        'I paid the same IMU instalment twice, how do I apply for a refund?'
      ),
      l(
        'Posso rateizzare l’avviso di accertamento che mi è arrivato?',
        'Can I pay the assessment notice I received in instalments?'
      ),
    ],
  },
  {
    slug: 'anagrafe',
    code: 'REGISTRY',
    name: l('Anagrafe e documenti', 'Registry and documents'),
    description: l(
      'Carta d’identità, residenza, certificati, stato di famiglia e appuntamenti allo sportello anagrafe.',
      'Identity cards, residence, certificates, family status and appointments at the registry desk.'
    ),
    kinds: ['request', 'complaint'],
    officeSlug: 'ufficio-anagrafe',
    resolutionDays: 30,
    firstResponseDays: 5,
    duplicateRadiusMeters: 0,
    duplicateWindowDays: 7,
    sampleDescriptions: [
      l(
        'Non trovo appuntamenti disponibili per la carta d’identità prima di due mesi, ma devo partire.',
        'I cannot find an identity card appointment within two months, but I have to travel.'
      ),
      l(
        'Ho fatto il cambio di residenza un mese fa e non ho ancora ricevuto conferma.',
        'I changed my residence a month ago and have not yet received confirmation.'
      ),
      l(
        'Come posso ottenere un certificato storico di residenza per una pratica di successione?',
        'How can I get a historical residence certificate for an inheritance procedure?'
      ),
      l(
        'Nel certificato il mio cognome risulta scritto in modo errato.',
        'My surname is spelled wrongly on the certificate.'
      ),
    ],
  },
  {
    slug: 'servizi-sociali',
    code: 'SOCIAL-SERVICES',
    name: l('Servizi sociali e contributi', 'Social services and benefits'),
    description: l(
      'Contributo affitto, bonus sociali, assistenza domiciliare, colloqui con l’assistente sociale.',
      'Rent allowance, social bonuses, home care, appointments with a social worker.'
    ),
    kinds: ['request', 'complaint'],
    officeSlug: 'ufficio-servizi-sociali',
    resolutionDays: 30,
    firstResponseDays: 5,
    duplicateRadiusMeters: 0,
    duplicateWindowDays: 7,
    sampleDescriptions: [
      l(
        'Quando esce la graduatoria del contributo affitto di quest’anno?',
        'When will this year’s rent allowance ranking be published?'
      ),
      l(
        'Mio padre è anziano e vive da solo: come si chiede l’assistenza domiciliare?',
        'My father is elderly and lives alone: how do we apply for home care?'
      ),
      l(
        'Ho chiesto un colloquio con l’assistente sociale tre settimane fa e nessuno mi ha richiamato.',
        'I asked for an appointment with a social worker three weeks ago and nobody called me back.'
      ),
      l(
        'Il contributo che mi è stato riconosciuto non è ancora stato pagato.',
        'The allowance granted to me has not been paid yet.'
      ),
    ],
  },
  {
    slug: 'servizi-scolastici',
    code: 'SCHOOL-SERVICES',
    name: l('Nidi e servizi scolastici', 'Nurseries and school services'),
    description: l(
      'Iscrizioni ai nidi, mensa scolastica, diete speciali, trasporto scolastico e tariffe.',
      'Nursery enrolment, school meals, special diets, school transport and fees.'
    ),
    kinds: ['request', 'complaint'],
    officeSlug: 'ufficio-servizi-educativi',
    resolutionDays: 30,
    firstResponseDays: 5,
    duplicateRadiusMeters: 0,
    duplicateWindowDays: 7,
    sampleDescriptions: [
      l(
        'Mio figlio è celiaco: come si attiva la dieta speciale in mensa?',
        'My son has coeliac disease: how do I request a special diet at school?'
      ),
      l(
        'La tariffa della mensa non tiene conto dell’ISEE che ho presentato.',
        'The school meal fee does not take into account the ISEE I submitted.'
      ),
      l(
        'Siamo in lista d’attesa per il nido: in che posizione siamo?',
        'We are on the nursery waiting list: what is our position?'
      ),
      l(
        'Lo scuolabus è arrivato in ritardo di 30 minuti per tutta la settimana.',
        'The school bus was 30 minutes late all week.'
      ),
    ],
  },
  {
    slug: 'informazioni-urp',
    code: 'URP-INFO',
    name: l('Richiesta di informazioni', 'Information request'),
    description: l(
      'Domande generali su uffici, orari, procedure e servizi del Comune. L’URP risponde o indirizza all’ufficio competente.',
      'General questions about municipal offices, opening hours, procedures and services. The URP answers or refers you to the competent office.'
    ),
    kinds: ['request'],
    officeSlug: 'urp',
    resolutionDays: 30,
    firstResponseDays: 3,
    duplicateRadiusMeters: 0,
    duplicateWindowDays: 3,
    sampleDescriptions: [
      l(
        'Quali documenti servono per sposarsi in Comune e quanto costa la sala?',
        'What documents do I need to get married at the town hall and how much does the room cost?'
      ),
      l(
        'Gli uffici comunali sono aperti il 17 giugno, festa di San Ranieri?',
        'Are the municipal offices open on 17 June, the feast of San Ranieri?'
      ),
      l(
        'A chi devo rivolgermi per organizzare una festa di quartiere in piazza?',
        'Whom should I contact to organise a neighbourhood party in a square?'
      ),
      l(
        'Dove si trovano i centri di raccolta per gli ingombranti e quali sono gli orari?',
        'Where are the recycling centres for bulky waste and what are their opening hours?'
      ),
    ],
  },
  {
    slug: 'accesso-atti',
    code: 'URP-ACCESS-RECORDS',
    name: l('Accesso agli atti e accesso civico', 'Access to records and civic access'),
    description: l(
      'Istanze di accesso documentale (L. 241/1990), accesso civico semplice e generalizzato (D.Lgs. 33/2013).',
      'Requests for access to documents (Law 241/1990) and simple or general civic access (Legislative Decree 33/2013).'
    ),
    kinds: ['request'],
    officeSlug: 'urp',
    resolutionDays: 30,
    firstResponseDays: 5,
    duplicateRadiusMeters: 0,
    duplicateWindowDays: 7,
    attributes: [
      {
        code: 'access_type',
        label: l('Tipo di accesso', 'Type of access'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'documentale', name: l('Accesso documentale', 'Access to documents') },
          { key: 'civico_semplice', name: l('Accesso civico semplice', 'Simple civic access') },
          {
            key: 'civico_generalizzato',
            name: l('Accesso civico generalizzato', 'General civic access'),
          },
        ],
      },
      {
        code: 'documents',
        label: l('Documenti richiesti', 'Requested documents'),
        datatype: 'text',
        required: true,
      },
    ],
    sampleDescriptions: [
      l(
        'Chiedo copia della pratica edilizia del condominio in cui abito.',
        'I request a copy of the building permit file for my apartment block.'
      ),
      l(
        'Vorrei consultare il verbale dell’incidente stradale in cui sono stato coinvolto.',
        'I would like to see the report of the road accident I was involved in.'
      ),
      l(
        'Chiedo i dati sui tempi di pagamento dei fornitori, che non trovo in Amministrazione trasparente.',
        'I request the data on supplier payment times, which I cannot find in the Transparency section.'
      ),
      l(
        'Vorrei copia del progetto di riqualificazione della piazza del mio quartiere.',
        'I would like a copy of the redevelopment project for my neighbourhood square.'
      ),
    ],
  },
  {
    slug: 'qualita-servizio',
    code: 'SERVICE-QUALITY',
    name: l('Reclamo sulla qualità di un servizio', 'Complaint about service quality'),
    description: l(
      'Reclami su disservizi, tempi di attesa, comportamento del personale o mancato rispetto della Carta dei servizi.',
      'Complaints about service failures, waiting times, staff behaviour or failure to meet the Service Charter.'
    ),
    kinds: ['complaint'],
    officeSlug: 'urp',
    resolutionDays: 30,
    firstResponseDays: 5,
    duplicateRadiusMeters: 0,
    duplicateWindowDays: 7,
    attributes: [
      {
        code: 'service_area',
        label: l('Servizio interessato', 'Service concerned'),
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'front_office', name: l('Sportelli comunali', 'Municipal counters') },
          { key: 'phone', name: l('Assistenza telefonica', 'Telephone support') },
          { key: 'online', name: l('Servizi online', 'Online services') },
          { key: 'field', name: l('Interventi su strada', 'Work on site') },
          { key: 'other', name: l('Altro', 'Other') },
        ],
      },
      {
        code: 'event_date',
        label: l('Data del disservizio', 'Date of the incident'),
        datatype: 'datetime',
        required: false,
      },
    ],
    sampleDescriptions: [
      l(
        'Ho atteso più di un’ora allo sportello nonostante avessi l’appuntamento.',
        'I waited more than an hour at the counter even though I had an appointment.'
      ),
      l(
        'Il numero dell’ufficio non risponde mai, ho chiamato per tre giorni di seguito.',
        'The office number never answers, I called three days in a row.'
      ),
      l(
        'La mia segnalazione è stata chiusa come risolta, ma la buca è ancora lì.',
        'My report was closed as resolved, but the pothole is still there.'
      ),
      l(
        'Il servizio online per il pagamento va in errore al momento della conferma.',
        'The online payment service fails at the confirmation step.'
      ),
      l(
        'Il personale allo sportello è stato scortese e non mi ha dato le informazioni richieste.',
        'The counter staff were rude and did not give me the information I asked for.'
      ),
    ],
  },
  {
    slug: 'suolo-pubblico',
    code: 'PUBLIC-LAND',
    name: l('Occupazione di suolo pubblico', 'Public land occupation'),
    description: l(
      'Richieste e reclami su concessioni per dehors, ponteggi, traslochi, passi carrabili e canone unico.',
      'Requests and complaints on permits for outdoor seating, scaffolding, removals, driveways and the public land fee.'
    ),
    kinds: ['request', 'complaint'],
    officeSlug: 'ufficio-suolo-pubblico',
    resolutionDays: 30,
    firstResponseDays: 5,
    duplicateRadiusMeters: 0,
    duplicateWindowDays: 7,
    sampleDescriptions: [
      l(
        'Devo fare un trasloco sabato: serve il permesso per fermare il furgone in strada?',
        'I am moving house on Saturday: do I need a permit to stop the van in the street?'
      ),
      l(
        'Un ponteggio occupa il marciapiede da un anno ma il cantiere sembra fermo.',
        'Scaffolding has occupied the sidewalk for a year but the works seem to have stopped.'
      ),
      l(
        'Quanto costa il canone per un dehors di 10 metri quadri in centro storico?',
        'How much is the fee for 10 square metres of outdoor seating in the historic centre?'
      ),
      l(
        'Ho chiesto la concessione per un banchetto informativo e non ho avuto risposta.',
        'I applied for a permit for an information stall and got no answer.'
      ),
    ],
  },
];

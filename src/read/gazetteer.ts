/**
 * Name lists the entity resolver looks words up in, built once on first use (lazy
 * singleton): countries and their variants (world-countries: names, alternative
 * spellings, demonyms), cities (city-timezones: ~7,300 cities from Natural Earth, and
 * compromise's city/region lexicon), well-known regions, demonyms and religious or ethnic
 * group names (which are neither people nor places), first and last names (compromise's
 * lexicon), person titles, organization keywords and well-known organizations.
 *
 * All keys are lowercase with straight apostrophes and no dots ("u.s." -> "us").
 */
import { createRequire } from 'node:module';
import nlp from 'compromise';
import worldCountries, { type Country } from 'world-countries';

export type PlaceKind = 'country' | 'city' | 'region';

export interface PlaceInfo {
  /** Canonical name, e.g. "United States" for "US", "U.S.", "America". */
  name: string;
  kind: PlaceKind;
  /** Rough importance; for cities the population. Countries and regions rank high. */
  weight: number;
}

export interface Gazetteer {
  places: Map<string, PlaceInfo>;
  demonyms: Set<string>;
  /** Demonym -> canonical country name ("syrian" -> "Syria"), for "Syrian presidency" etc. */
  demonymCountry: Map<string, string>;
  firstNames: Set<string>;
  lastNames: Set<string>;
  /** Famous people compromise knows ("barack obama"). */
  people: Set<string>;
  /** Known organizations: key -> canonical name. */
  orgs: Map<string, string>;
}

/** Lowercase, dotless, straight-apostrophe key for lookups. */
export function nameKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words that head or end an organization's name. */
export const ORG_KEYWORDS = new Set(
  `ministry ministries department council organization organisation court agency agencies inc corp corporation co ltd llc plc gmbh ag sa
party bank university observatory committee commission foundation institute institution association union forces army navy police
group company authority office fund federation alliance front movement network times post news press herald journal tribune gazette
telegraph guardian service services board senate parliament congress assembly cabinet administration coalition league club hospital
airlines airways holdings brigade brigades guard guards secretariat bureau tribunal academy college school center centre museum church
society trust exchange reserve bureau directorate command corps commission consortium cooperative cartel conference forum summit agency
program programme initiative project media broadcasting television radio tv studios entertainment motors industries laboratories labs
technologies systems pharmaceuticals energy petroleum oil gas mining bancorp capital partners ventures investments securities insurance
institute monitor watch international worldwide global chamber robotics logistics logistik cargo water pictures books tours events
research rovers athletic wanderers albion rangers hotspur fc afc harriers bloc networks editions terminals airways motors foods
autoridade autoridad ministerio ministère ministero banco banca banque compagnie companhia compañía société sociedade sociedad grupo
gruppe universidad universidade università université instituto institut partido parti partei verband spa srl sa nv bv ab asa oyj
brewery brewing publishing publishers records studio studios markets retail stores supermarkets telecom telecoms communications
solutions analytics therapeutics biotech mobility aerospace shipping lines railways rail railway transit utilities power`.split(/\s+/),
);

/** Keywords that make "X of Y" stay one name ("Supreme Court of the Russian Federation"). */
export const OF_HEADS = new Set(
  `court observatory bank university ministry department council organization organisation institute foundation federation republic
kingdom states government office commission committee agency association league union party front movement format conference forum
bureau board house chamber academy school college center centre museum church order society fund secretary minister director head
chief president governor mayor commander emirate city province state district county`.split(/\s+/),
);

/** Last words that make a name a place ("Shannon Airport", "Majdal Shams" needs context). */
export const PLACE_HEADS = new Set(
  `airport station port harbour harbor bridge square street road avenue park stadium arena palace cathedral mosque island islands
mountains mountain river lake bay valley desert sea ocean gulf strait canal peninsula heights hills coast beach forest glacier falls
canyon pass alps market quarter
province region district county governorate oblast prefecture municipality borough township village town`.split(/\s+/),
);
/** First words that make a name a place ("River Wye", "Mount Etna", "Lake Geneva"). */
export const PLACE_PREFIXES = new Set(['river', 'mount', 'mt', 'lake', 'cape', 'isle', 'fort', 'port', 'gulf', 'bay', 'glacier', 'loch']);
/** Letters after a name: "Alison Kerr KC". */
export const POST_NOMINALS = new Set(['kc', 'qc', 'mp', 'mep', 'msp', 'phd', 'jr', 'sr', 'obe', 'mbe', 'cbe', 'md', 'esq', 'ii', 'iii', 'iv']);

/** Words of a title before a name ("Interim President", "Foreign Minister", "US envoy"). */
export const TITLE_WORDS = new Set(
  `president vice prime minister ministers foreign defence defense interior finance secretary general attorney interim acting deputy
former chief executive senator sen rep representative congressman congresswoman governor gov mayor king queen prince princess crown
sheikh sheik emir pope cardinal archbishop bishop rabbi imam ayatollah supreme leader chancellor ambassador envoy special commissioner
commander colonel col lieutenant lt major maj captain capt sergeant sgt admiral adm gen marshal field brigadier judge justice speaker
chairman chairwoman chair director spokesman spokeswoman spokesperson dr mr mrs ms mx prof professor lord lady sir dame coach manager
ceo cfo coo officer head senior state home health economy economic trade energy education culture labour labor agriculture transport
presidential premier counsel inspector superintendent detective agent reverend rev father brother sister grand mullah commissioner
first opposition party leader founder co-founder analyst minister-president mp mep lawmaker
secretary-general undersecretary under assistant associate delegate advisor adviser economist`.split(/\s+/),
);

/** Lowercase role nouns that, right before a capitalised name, mark it as a person. */
export const ROLE_NOUNS = new Set(
  `president minister envoy spokesman spokeswoman spokesperson official director leader chief ambassador secretary senator governor mayor
general commander analyst resident doctor lawyer attorney judge prosecutor journalist reporter correspondent editor author researcher
professor economist activist candidate lawmaker legislator chairman chairwoman ceo founder actor actress singer player coach manager
striker midfielder defender goalkeeper captain colonel sergeant lieutenant officer agent pastor priest imam rabbi cleric king queen
prince premier chancellor adviser advisor aide strongman dictator militant commentator scientist expert fellow consultant witness
survivor victim father mother son daughter wife husband brother sister colleague rival opponent counterpart successor predecessor
businessman businesswoman billionaire tycoon entrepreneur investor executive host presenter anchor novelist poet artist designer
photographer filmmaker director producer rapper musician star champion nurse teacher student farmer worker driver pilot soldier
runner athlete winger forward boxer cyclist swimmer chef owner shopkeeper councillor councilor mp challenger incumbent defendant
plaintiff suspect accused barrister solicitor inspector firefighter paramedic engineer architect historian writer painter sculptor
composer conductor dancer comedian broadcaster blogger influencer bishop monk nun sheikh widow widower grandmother grandfather uncle
aunt cousin partner friend neighbour neighbor volunteer organiser organizer principal headteacher dean student pupil graduate
surgeon physician psychologist epidemiologist virologist glaciologist climatologist physicist chemist biologist astronaut
rapporteur envoy negotiator mediator prosecutor magistrate sheriff trooper constable marshal`.split(/\s+/),
);

/** Religious, ethnic and political group names: neither people nor places. */
const GROUP_NAMES = `druze bedouin bedouins alawite alawites kurd kurds kurdish sunni sunnis shia shias shiite shiites shi'ite shi'ites
sunnite pashtun pashtuns tajik tajiks uzbek uzbeks hazara hazaras arab arabs arabic jew jews jewish muslim muslims christian christians
catholic catholics protestant protestants orthodox hindu hindus sikh sikhs buddhist buddhists islamist islamists islamic western
westerners eastern soviet soviets republican republicans democrat democrats european europeans african africans asian asians latino
latinos latina hispanic hispanics yazidi yazidis rohingya uyghur uyghurs uighur uighurs tamil tamils baloch balochs chechen chechens
circassian circassians turkmen assyrian assyrians copt copts coptic maronite maronites evangelical evangelicals mormon mormons
anglican anglicans lutheran jihadist jihadists salafist salafists wahhabi zionist zionists palestinian palestinians israeli israelis
emirati emiratis qatari qataris saudi saudis yemeni yemenis gulf british english scottish welsh irish caucasian slavic nordic
scandinavian baltic balkan persian persians berber berbers tuareg amhara oromo tigrayan tigrayans hutu tutsi maasai zulu xhosa
aboriginal indigenous inuit`;

/** Well-known regions and areas that are not countries or cities. */
const REGIONS = `Middle East|Near East|Far East|Central Asia|South Asia|Southeast Asia|East Asia|West Asia|Asia|Europe|Eastern Europe|Western Europe|
Central Europe|Northern Europe|Southern Europe|Africa|North Africa|West Africa|East Africa|Southern Africa|Central Africa|Sub-Saharan Africa|
Horn of Africa|Sahel|Maghreb|Latin America|South America|North America|Central America|Caribbean|Americas|Oceania|Pacific|Atlantic|
Indian Ocean|Arctic|Antarctic|Antarctica|Mediterranean|Red Sea|Black Sea|Caspian Sea|Baltic Sea|North Sea|South China Sea|East China Sea|
Persian Gulf|Gulf of Aden|Gulf of Mexico|Strait of Hormuz|Bab el-Mandeb|Suez Canal|Panama Canal|Balkans|Caucasus|North Caucasus|
South Caucasus|Levant|Earth|Moon|Mars|Gulf|Golan Heights|Golan|Gaza|Gaza Strip|West Bank|East Jerusalem|Sinai|Crimea|Donbas|Donbass|Donetsk|Luhansk|
Kherson|Zaporizhzhia|Kursk|Kashmir|Jammu and Kashmir|Ladakh|Tibet|Xinjiang|Hong Kong|Macau|Taiwan|Siberia|Scandinavia|Patagonia|
Amazon|Sahara|Darfur|Tigray|Kurdistan|Iraqi Kurdistan|Idlib|Aleppo|Homs|Hama|Latakia|Tartus|Deir ez-Zor|Raqqa|Daraa|Sweida|Suwayda|
Quneitra|Hasakah|Qamishli|Kobani|Afrin|Manbij|Khan Younis|Rafah|Jabalia|Jenin|Nablus|Hebron|Ramallah|Tulkarm|Bethlehem|Beirut|
Northern Ireland|England|Scotland|Wales|Great Britain|Britain|Silicon Valley|Wall Street|Midwest|New England|Appalachia|
Punjab|Sindh|Balochistan|Khyber Pakhtunkhwa|Kandahar|Helmand|Herat|Kunduz|Nangarhar|Panjshir|Badakhshan|Mazar-i-Sharif|
Bavaria|Catalonia|Basque Country|Andalusia|Lombardy|Sicily|Sardinia|Corsica|Brittany|Normandy|Provence|Flanders|Wallonia|
Quebec|Ontario|Alberta|British Columbia|Queensland|New South Wales|Victoria|Tasmania|Papua|Aceh|Bali|Java|Sumatra|Borneo|Mindanao|
Rakhine|Shan|Kachin|Chechnya|Dagestan|Transnistria|Abkhazia|South Ossetia|Nagorno-Karabakh|Karabakh|Kosovo|Western Sahara|
Somaliland|Puntland|Kurdistan Region|Galilee|Negev|Jordan Valley|Persian Gulf|Arabian Peninsula|Korean Peninsula|Indochina|
Soviet Union|USSR|Mekong|Himalayas|Alps|Andes|Rockies|Urals|Sub-Saharan|Indo-Pacific|Asia-Pacific|Trans-Pacific`;

/** Country names the press uses that world-countries lacks or spells otherwise. */
const COUNTRY_EXTRAS: [string, string][] = [
  ['TR', 'Turkey'], ['US', 'America'], ['US', 'USA'], ['US', 'US'], ['US', 'United States of America'], ['GB', 'UK'], ['GB', 'Britain'],
  ['GB', 'Great Britain'], ['NL', 'Holland'], ['MM', 'Burma'], ['CI', 'Ivory Coast'], ['CZ', 'Czech Republic'], ['CZ', 'Czechia'],
  ['SZ', 'Swaziland'], ['MK', 'Macedonia'], ['CV', 'Cape Verde'], ['TL', 'East Timor'], ['CD', 'DRC'], ['CD', 'DR Congo'],
  ['CD', 'Democratic Republic of Congo'], ['CD', 'Democratic Republic of the Congo'], ['CG', 'Republic of Congo'], ['KR', 'Korea'],
  ['KP', 'North Korea'], ['KR', 'South Korea'], ['RU', 'Russian Federation'], ['AE', 'UAE'], ['AE', 'Emirates'], ['VA', 'Vatican'],
  ['VA', 'Vatican City'], ['PS', 'Palestinian territories'], ['PS', 'Palestinian Territories'], ['SY', 'Syrian Arab Republic'],
  ['IR', 'Persia'], ['LA', 'Laos'], ['VN', 'Vietnam'], ['BO', 'Bolivia'], ['VE', 'Venezuela'], ['TZ', 'Tanzania'], ['MD', 'Moldova'],
];

/** Canonical names the press prefers over world-countries' common name. */
const CANONICAL_OVERRIDE: Record<string, string> = {
  CD: 'Democratic Republic of the Congo',
  CG: 'Republic of the Congo',
  PS: 'Palestine',
};

/** Well-known organizations (beyond compromise's lexicon): canonical name, then aliases. */
const KNOWN_ORGS = `United Nations|UN|U.N.
United Nations Security Council|UN Security Council|UNSC|Security Council
European Union|EU|E.U.
North Atlantic Treaty Organization|NATO|Nato
World Health Organization|WHO
International Monetary Fund|IMF
World Bank
World Trade Organization|WTO
International Criminal Court|ICC
International Court of Justice|ICJ
International Atomic Energy Agency|IAEA
Organization of the Petroleum Exporting Countries|OPEC
Association of Southeast Asian Nations|ASEAN
African Union|AU
Gulf Cooperation Council|GCC
Arab League
Red Cross|International Committee of the Red Cross|ICRC
Red Crescent
UNICEF
UNHCR|UN refugee agency
UNRWA
Amnesty International|Amnesty
Human Rights Watch|HRW
Doctors Without Borders|Medecins Sans Frontieres|MSF
Reuters|Thomson Reuters
Associated Press|AP
Agence France-Presse|AFP
Bloomberg|Bloomberg News
BBC
CNN
Al Jazeera
Xinhua
TASS
Interfax
Kremlin
White House
Pentagon
State Department|US State Department
Department of Defense
Department of Homeland Security|DHS
Justice Department|Department of Justice|DOJ
Treasury Department|Treasury
Federal Reserve|Fed
Congress|US Congress
Senate|US Senate
House of Representatives
Supreme Court|US Supreme Court
Federal Bureau of Investigation|FBI
Central Intelligence Agency|CIA
National Security Agency|NSA
NASA
Downing Street
Bundestag
Knesset
Duma|State Duma
Taliban
Hamas
Hezbollah|Hizbollah
Houthis|Houthi|Ansar Allah
Islamic State|ISIS|ISIL|Daesh
ISIS-K|Islamic State Khorasan
al-Qaeda|al Qaeda|Al-Qaeda|Al Qaeda
Muslim Brotherhood
Hayat Tahrir al-Sham|HTS
Syrian Democratic Forces|SDF
Kurdistan Workers' Party|PKK
Wagner|Wagner Group
Israel Defense Forces|IDF
Revolutionary Guards|Islamic Revolutionary Guard Corps|IRGC
Syrian Observatory for Human Rights|SOHR
Truth Social
Twitter
Facebook|Meta
Google|Alphabet
Apple
Microsoft
Amazon
Tesla
OpenAI
Nvidia
Republican Party|GOP
Democratic Party
Labour Party|Labour
Conservative Party|Conservatives|Tories
Northern Alliance`;

let cached: Gazetteer | null = null;

/** The lookup tables, built on first call and shared after. */
export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const places = new Map<string, PlaceInfo>();
  const demonyms = new Set<string>();
  const demonymCountry = new Map<string, string>();
  const addPlace = (alias: string, info: PlaceInfo) => {
    const k = nameKey(alias);
    if (k.length < 2) return;
    const prev = places.get(k);
    if (!prev || prev.weight < info.weight) places.set(k, info);
  };

  const byCode = new Map<string, string>();
  // world-countries is CommonJS: under NodeNext its default import is the module object.
  const countries = ((worldCountries as unknown as { default?: Country[] }).default ?? (worldCountries as unknown as Country[]));
  for (const c of countries) {
    const name = CANONICAL_OVERRIDE[c.cca2] ?? c.name.common;
    byCode.set(c.cca2, name);
    const info: PlaceInfo = { name, kind: 'country', weight: 1e9 };
    addPlace(c.name.common, info);
    addPlace(c.name.official, info);
    for (const alt of c.altSpellings) {
      // Two-letter codes ("TR", "IN") are words in running text; only US/UK-style ones come from COUNTRY_EXTRAS.
      if (alt.length <= 2) continue;
      addPlace(alt, info);
    }
    const stripped = c.name.official.replace(/^(?:the )?(?:Republic|Kingdom|State|Commonwealth|Federation|Principality|Sultanate|Emirate) of (?:the )?/i, '');
    if (stripped !== c.name.official) addPlace(stripped, info);
    for (const d of Object.values(c.demonyms ?? {}) as { f: string; m: string }[]) {
      for (const form of [d.m, d.f]) {
        if (!form) continue;
        const k = nameKey(form);
        demonyms.add(k);
        demonyms.add(k + 's');
        if (!demonymCountry.has(k)) demonymCountry.set(k, name);
      }
    }
  }
  for (const [code, alias] of COUNTRY_EXTRAS) {
    const name = byCode.get(code);
    if (name) addPlace(alias, { name, kind: 'country', weight: 1e9 });
  }

  const lex = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
  const firstNames = new Set<string>();
  const lastNames = new Set<string>();
  const people = new Set<string>();
  const orgs = new Map<string, string>();
  const titleCase = (s: string) => s.replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
  for (const [word, tags] of Object.entries(lex)) {
    const t = Array.isArray(tags) ? tags : [tags];
    if (t.includes('MaleName') || t.includes('FemaleName') || t.includes('FirstName')) firstNames.add(word);
    else if (t.includes('LastName')) lastNames.add(word);
    else if (t.includes('Person')) people.add(word);
    else if (t.includes('Demonym')) demonyms.add(word);
    else if (t.includes('Organization') && !t.includes('Abbreviation') && word.length > 2) orgs.set(nameKey(word), titleCase(word));
    else if (t.includes('City')) addPlace(word, { name: titleCase(word), kind: 'city', weight: 100000 });
    else if (t.includes('Region') || t.includes('Place')) {
      if (t.includes('ProperNoun') && word.length > 3) addPlace(word, { name: titleCase(word), kind: 'region', weight: 1e6 });
    }
  }

  const require = createRequire(import.meta.url);
  const cities = require('city-timezones/data/cityMap.json') as { city: string; city_ascii: string; pop: number; province: string }[];
  for (const c of cities) {
    // Small towns share names with people and words ("Obeid", "Mobile"); keep real cities only.
    if (c.pop < 20000 || !/^\p{Lu}/u.test(c.city)) continue;
    const info: PlaceInfo = { name: c.city, kind: 'city', weight: c.pop };
    addPlace(c.city, info);
    if (c.city_ascii && c.city_ascii !== c.city) addPlace(c.city_ascii, info);
  }
  for (const r of REGIONS.split('|')) {
    const name = r.trim();
    if (name) addPlace(name, { name, kind: 'region', weight: 1e8 });
  }
  // A few city aliases the press uses.
  addPlace('Washington DC', { name: 'Washington', kind: 'city', weight: 5e6 });
  addPlace('Washington', { name: 'Washington', kind: 'city', weight: 5e6 });
  addPlace('New York City', { name: 'New York', kind: 'city', weight: 2e7 });
  addPlace('Kiev', { name: 'Kyiv', kind: 'city', weight: 3e6 });
  addPlace('Kyiv', { name: 'Kyiv', kind: 'city', weight: 3e6 });

  for (const g of GROUP_NAMES.split(/\s+/)) if (g) demonyms.add(g);
  // A demonym that is also a country ("Chad"? no; "Jordanian" fine) must not hide the country.
  for (const k of places.keys()) demonyms.delete(k);

  for (const line of KNOWN_ORGS.split('\n')) {
    const [canonical, ...aliases] = line.split('|').map((x) => x.trim());
    if (!canonical) continue;
    orgs.set(nameKey(canonical), canonical);
    for (const a of aliases) orgs.set(nameKey(a), canonical);
  }
  // Organizations that are also words or places in the lists above stay organizations only where listed.
  for (const k of ['amazon']) places.delete(k);

  cached = { places, demonyms, demonymCountry, firstNames, lastNames, people, orgs };
  return cached;
}

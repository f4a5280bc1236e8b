import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from './lang.ts';
import { readArticle } from './index.ts';

const cases: { name: string; input: string; want: string }[] = [
  { name: 'English', input: 'The government said on Saturday that security forces were deploying in the southern region.', want: 'en' },
  { name: 'French', input: 'Le gouvernement a annoncé samedi que les forces de sécurité se déployaient dans la région du sud.', want: 'fr' },
  { name: 'German', input: 'Die Regierung sagte am Samstag, dass die Sicherheitskräfte in der südlichen Region eingesetzt werden und nicht mehr abziehen.', want: 'de' },
  { name: 'Spanish', input: 'El gobierno dijo el sábado que las fuerzas de seguridad se desplegaban en la región del sur para la paz.', want: 'es' },
  { name: 'Italian', input: 'Il governo ha detto sabato che le forze di sicurezza sono state dispiegate nella regione del sud per la pace.', want: 'it' },
  { name: 'Portuguese', input: 'O governo disse no sábado que as forças de segurança estão a ser enviadas para a região do sul do país.', want: 'pt' },
  { name: 'Dutch', input: 'De regering zei zaterdag dat de veiligheidstroepen in het zuiden van het land worden ingezet en niet vertrekken.', want: 'nl' },
  { name: 'Russian (Cyrillic)', input: 'Правительство заявило в субботу, что силы безопасности развертываются в южном регионе.', want: 'ru' },
  { name: 'Ukrainian (Cyrillic with і/ї)', input: 'Уряд заявив у суботу, що сили безпеки розгортаються в південному регіоні країни.', want: 'uk' },
  { name: 'Arabic', input: 'قالت الحكومة يوم السبت إن قوات الأمن تنتشر في المنطقة الجنوبية.', want: 'ar' },
  { name: 'Chinese', input: '政府星期六表示，安全部队正在南部地区部署。', want: 'zh' },
  { name: 'Japanese', input: '政府は土曜日、治安部隊が南部地域に展開していると発表した。', want: 'ja' },
  { name: 'empty', input: '', want: 'und' },
];
for (const c of cases) test(`detectLanguage: ${c.name}`, () => assert.equal(detectLanguage(c.input), c.want));

test('non-English articles keep sentences and a summary but no English-only features', () => {
  const r = readArticle({
    title: 'Le gouvernement syrien déploie ses forces',
    text: 'Le gouvernement a annoncé samedi que les forces de sécurité se déployaient dans la région de Soueïda. Les combats ont fait des centaines de morts depuis une semaine. Le président Ahmed al-Charaa a accusé Israël. Les Druzes sont une minorité religieuse.',
  });
  assert.equal(r.lang, 'fr');
  assert.ok(r.sentences.length >= 4);
  assert.ok(r.summary.length >= 3);
  assert.deepEqual(r.entities, { people: [], organizations: [], places: [] });
  assert.deepEqual([r.hashtags, r.timeline, r.quotes, r.figures], [[], [], [], []]);
});

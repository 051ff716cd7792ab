// The seventh round's service table, part c (packages/rules/data/services/round7-c.yaml), through the real
// built CLI: each rule on a line of the form its key is written in, and the same shapes without the
// service's name staying quiet. Every value here is generated from the documented shape.
import { describe, expect, it } from 'vitest';
import { perTestTemp } from '../../../test-support/helpers.js';
import { BASE62, HEX, LOWER_ALNUM, providerFindings, scanFiles, UPPER_ALNUM, value } from '../../../test-support/generated-values.js';

const temp = perTestTemp();
const findings = (files: Record<string, string>) => scanFiles(temp.dir(), files);

const URL_SAFE = BASE62 + '_-';

/** Four groups of 7 uppercase letters and digits joined by `-` (Mailmodo, Request Finance, ScreenshotAPI). */
const groups7 = (seed: string) => [1, 2, 3, 4].map((i) => value(`${seed}-${i}`, 7, UPPER_ALNUM)).join('-');
/** A UUID-shaped run of hex digits. */
const uuid = (seed: string) => [8, 4, 4, 4, 12].map((n, i) => value(`${seed}-${i}`, n, HEX)).join('-');
/** A JWT-shaped value: the provider's fixed start, the rest of the claims and a signature. */
const token = (start: string, seed: string, claims: number) => `${start}${value(`${seed}-claims`, claims, URL_SAFE)}.${value(`${seed}-sig`, 43, URL_SAFE)}`;

const HS256 = 'eyJhbGciOiJIUzI1NiJ9.';
const MONDAY = HS256 + 'eyJ0aWQiOj';
const STRIPO = HS256 + 'eyJzZWN1cml0eUNvbnRleHQiOiJ7XCJhcGlLZXlcIjpcI';
const LIVESTORM = HS256 + 'eyJhdWQiOiJhcGkubGl2ZXN0b3JtLmNvIiwianRpIjoi';
const WEB3_STORAGE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkaWQ6ZXRocjow';
const KONTENT = 'ew0KICAiYWxnIjogIkhTMjU2IiwNCiAgInR5cCI6ICJKV1QiDQp9.ew0K';

describe('seventh round, part c (smaller SaaS APIs)', () => {
  it('finds Ionic, Kontent.ai, monday.com, Stripo and web3.storage tokens where the service is named, and Livestorm tokens by their own start', () => {
    const found = findings({
      'ci.env': [`IONIC_TOKEN=ion_${value('ionic', 42)}`, `LIVESTORM_API_TOKEN=${token(LIVESTORM, 'livestorm', 134)}`].join('\n'),
      'clients.js': [
        `const deliveryClient = createDeliveryClient({ environmentId, kontentPreviewApiKey: '${KONTENT}${value('kontent-claims', 318, BASE62)}.${value('kontent-sig', 43, URL_SAFE)}' });`,
        `monday.setToken('${token(MONDAY, 'monday', 140)}');`,
        `const stripo = axios.create({ headers: { 'Stripo-Api-Auth': '${token(STRIPO, 'stripo', 84)}' } });`,
        `const storage = new Web3Storage({ token: '${token(WEB3_STORAGE, 'web3', 130)}' });`,
      ].join('\n'),
      // A Livestorm token needs no name: its first claim is the Livestorm API's audience.
      'webinar.php': `$headers[] = 'Authorization: ${token(LIVESTORM, 'livestorm-php', 134)}';\n`,
    });
    expect(providerFindings(found, 'ci.env')).toEqual([
      [1, 'ionic.personal-access-token'],
      [2, 'livestorm.api-token'],
    ]);
    expect(providerFindings(found, 'clients.js')).toEqual([
      [1, 'kontent.api-key'],
      [2, 'monday.api-token'],
      [3, 'stripo.api-token'],
      [4, 'web3storage.api-token'],
    ]);
    expect(providerFindings(found, 'webinar.php')).toEqual([[1, 'livestorm.api-token']]);
  });

  it('finds the name-near keys of Jotform, Mockaroo, Nozbe, PandaScore, SalesCookie, Shipday, Stormglass, Supernotes, uClassify, VBOUT, Workstack and Zenkit', () => {
    const found = findings({
      'services.env': [
        `JOTFORM_API_KEY=${value('jotform', 32, HEX)}`,
        `NOZBE_API_TOKEN=${value('nozbe-a', 16)}_${value('nozbe-b', 64, URL_SAFE)}`,
        `SALESCOOKIE_API_KEY=${value('salescookie', 32)}`,
        `NEXT_PUBLIC_VBOUT_API_KEY=${value('vbout', 25, '0123456789')}`,
      ].join('\n'),
      'integrations.yml': [
        `pandascore:`,
        `  api_token: ${value('pandascore', 51, URL_SAFE)}`,
        `shipday_api_key: "${value('shipday-a', 10)}.${value('shipday-b', 20)}"`,
        `stormglass_api_key: ${uuid('storm-a')}-${uuid('storm-b')}`,
      ].join('\n'),
      'settings.json': `{\n  "supernotesApiKey": "${value('supernotes', 43, URL_SAFE)}",\n  "workstackToken": "${value('workstack', 60)}"\n}\n`,
      'clients.py': [
        `requests.get("https://api.mockaroo.com/api/${value('schema', 8, HEX)}?count=10&key=${value('mockaroo', 8, HEX)}")`,
        `UCLASSIFY_READ_KEY = "${value('uclassify', 12)}"`,
        `headers = {"Zenkit-API-Key": "${value('zenkit-a', 8, LOWER_ALNUM)}-${value('zenkit-b', 32)}"}`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'services.env')).toEqual([
      [1, 'jotform.api-key'],
      [2, 'nozbe.api-token'],
      [3, 'salescookie.api-key'],
      [4, 'vbout.api-key'],
    ]);
    expect(providerFindings(found, 'integrations.yml')).toEqual([
      [2, 'pandascore.api-key'],
      [3, 'shipday.api-key'],
      [4, 'stormglass.api-key'],
    ]);
    expect(providerFindings(found, 'settings.json')).toEqual([
      [2, 'supernotes.api-key'],
      [3, 'workstack.api-token'],
    ]);
    // The schema id in the URL's path is no key: only `key=` is reported.
    expect(providerFindings(found, 'clients.py')).toEqual([
      [1, 'mockaroo.api-key'],
      [2, 'uclassify.api-key'],
      [3, 'zenkit.api-key'],
    ]);
  });

  it('tells the three services with keys of four 7-character groups apart by the name beside each', () => {
    const found = findings({
      'mailmodo.js': `fetch(url, { headers: { mmApiKey: process.env.MAILMODO_API_KEY || '${groups7('mailmodo')}' } });\n`,
      'finance.env': `REQUEST_FINANCE_API_KEY=${groups7('request-finance')}\n`,
      'shot.ts': `const shot = \`https://shot.screenshotapi.net/screenshot?token=${groups7('screenshotapi')}&url=\${site}\`;\n`,
    });
    expect(providerFindings(found, 'mailmodo.js')).toEqual([[1, 'mailmodo.api-key']]);
    expect(providerFindings(found, 'finance.env')).toEqual([[1, 'requestfinance.api-key']]);
    expect(providerFindings(found, 'shot.ts')).toEqual([[1, 'screenshotapi.api-token']]);
  });

  it('stays quiet on the same shapes without the service named, on prefixes with too short a body, and on names inside other words', () => {
    const found = findings({
      'lookalikes.txt': [
        `IONIC_TOKEN=ion_${value('short-ion', 30)}`,
        `release_token = ${groups7('plain-groups')}`,
        `checksum = "${value('plain-hex', 32, HEX)}"`,
        `correlation = ${uuid('plain-a')}-${uuid('plain-b')}`,
        `order_number = ${value('plain-digits', 25, '0123456789')}`,
        `session = ${token(MONDAY, 'plain-monday', 140)}`,
        `preview = '${KONTENT}${value('plain-kontent', 318, BASE62)}.${value('plain-kontent-sig', 43, URL_SAFE)}'`,
        `LIVESTORM_API_TOKEN=${LIVESTORM}${value('short-livestorm', 40, URL_SAFE)}`,
        `upload_id: ${value('plain-a', 16)}_${value('plain-b', 64, URL_SAFE)}`,
        `build_ref = "${value('plain-c', 10)}.${value('plain-d', 20)}"`,
      ].join('\n'),
      // `salesCookie` and `NetworkStack` hold the SalesCookie and Workstack names inside other words.
      'session.test.ts': `const salesCookie = '${value('cookie', 32)}';\n`,
      'network-stack.ts': `const stack = new NetworkStack(app, 'net', { token: '${value('stack', 60)}' });\n`,
    });
    expect(providerFindings(found, 'lookalikes.txt')).toEqual([]);
    expect(providerFindings(found, 'session.test.ts')).toEqual([]);
    expect(providerFindings(found, 'network-stack.ts')).toEqual([]);
  });
});

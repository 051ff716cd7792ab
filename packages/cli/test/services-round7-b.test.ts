// The seventh round's service table, part b (data/services/round7-b.yaml), through the real built CLI: each
// rule finds a value of its documented shape in a realistic config or source line, and stays quiet on the
// same shapes without the service's name. Every value here is generated, not taken from any other project.
import { describe, expect, it } from 'vitest';
import { perTestTemp } from '../../../test-support/helpers.js';
import { BASE62, HEX, LOWER_ALNUM, providerFindings, scanFiles, UPPER_ALNUM, value } from '../../../test-support/generated-values.js';

const temp = perTestTemp();
const findings = (files: Record<string, string>) => scanFiles(temp.dir(), files);

const URL_SAFE = BASE62 + '_-';
/** Groups of `sizes` characters of `alphabet` joined by `-` (UUID-like shapes). */
const groups = (seed: string, sizes: number[], alphabet: string) => sizes.map((n, i) => value(`${seed}-${i}`, n, alphabet)).join('-');
/** A three-part JWT-like value: `header` (with its dot), a payload of `payload` characters and a signature. */
const jwt = (seed: string, header: string, payload: number, signature: number) =>
  `${header}eyJ${value(`${seed}-payload`, payload - 3, BASE62)}.${value(`${seed}-sig`, signature, URL_SAFE)}`;
const HS256_TYP_FIRST = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.';
const HS256_ALG_FIRST = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.';
const RS256_TYP_FIRST = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.';

describe('seventh round, part b (smaller SaaS APIs)', () => {
  it('finds Bannerbear keys by their prefixes, and Baremetrics keys and JWT-shaped tokens where their service is named', () => {
    const found = findings({
      'bannerbear.env': [
        `BANNERBEAR_PROJECT_KEY=bb_pr_${value('bb-pr', 30, HEX)}`,
        `BB_MASTER_KEY=bb_ma_${value('bb-ma', 30, HEX)}`,
        `BANNERBEAR_API_KEY=${value('bb-old', 22)}tt`,
        `BAREMETRICS_API_KEY=sk_${value('baremetrics-sk', 22)}`,
        `BAREMETRICS_LIVE_KEY=lk_${value('baremetrics-lk', 20)}`,
      ].join('\n'),
      'tokens.yml': [
        `appfollow_api_token: ${jwt('appfollow', HS256_TYP_FIRST, 74, 43)}`,
        `documo_api_key: ey${value('documo-h', 34)}.ey${value('documo-p', 154)}.${value('documo-s', 43, URL_SAFE)}`,
        `flightlabs_access_key: ${jwt('flightlabs', RS256_TYP_FIRST, 240, 86)}`,
        `formio_jwt_token: ${jwt('formio', HS256_ALG_FIRST, 260, 43)}`,
        `front_api_token: ${jwt('front', HS256_ALG_FIRST, 200, 43)}`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'bannerbear.env')).toEqual([
      [1, 'bannerbear.project-api-key'],
      [2, 'bannerbear.master-api-key'],
      [3, 'bannerbear.api-key'],
      [4, 'baremetrics.api-key'],
      [5, 'baremetrics.api-key-2'],
    ]);
    expect(providerFindings(found, 'tokens.yml')).toEqual([
      [1, 'appfollow.api-token'],
      [2, 'documo.api-key'],
      [3, 'flightlabs.access-key'],
      [4, 'formio.token'],
      [5, 'front.api-token'],
    ]);
  });

  it('finds the unprefixed keys where the service, its API domain or its env var is named', () => {
    const found = findings({
      'services.env': [
        `APIFONICA_API_KEY=${groups('apifonica', [11, 4, 4, 4, 12], LOWER_ALNUM)}`,
        `AYRSHARE_API_KEY=${groups('ayrshare', [8, 8, 8, 8], UPPER_ALNUM)}`,
        `BUDIBASE_API_KEY=${value('budibase-a', 32, HEX)}-${value('budibase-b', 79, HEX)}`,
        `CLIENGO_API_KEY=${groups('cliengo', [8, 4, 4, 4, 12], HEX)}`,
        `CODEMAGIC_API_TOKEN=${value('codemagic', 43, BASE62 + '_')}`,
        `EVERHOUR_API_KEY=${groups('everhour', [4, 4, 6, 6, 8], HEX)}`,
      ].join('\n'),
      'settings.json': JSON.stringify(
        {
          debounce_api_key: value('debounce', 13),
          dittowords: { apiKey: `${groups('ditto', [8, 4, 4, 4, 12], LOWER_ALNUM)}.${value('ditto-b', 40, LOWER_ALNUM)}` },
          eagleeyenetworks: { api_key: value('een', 15) },
          fxmarket_api_key: value('fxmarket', 20, URL_SAFE + '='),
        },
        null,
        2,
      ),
      'clients.py': [
        `FINDL_URL = "https://api.findl.com/v1.0"`,
        `FINDL_KEY = "${groups('findl', [8, 4, 4, 4, 12], LOWER_ALNUM)}"`,
        `FLOAT_API_TOKEN = "${value('float-a', 16, HEX)}${value('float-b', 42, BASE62 + '+/')}="`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'services.env')).toEqual([
      [1, 'apifonica.api-key'],
      [2, 'ayrshare.api-key'],
      [3, 'budibase.api-key'],
      [4, 'cliengo.api-key'],
      [5, 'codemagic.api-token'],
      [6, 'everhour.api-key'],
    ]);
    expect(providerFindings(found, 'settings.json')).toEqual([
      [2, 'debounce.api-key'],
      [4, 'dittowords.api-key'],
      [7, 'eagleeyenetworks.api-key'],
      [9, 'fxmarket.api-key'],
    ]);
    expect(providerFindings(found, 'clients.py')).toEqual([
      [2, 'findl.api-key'],
      [3, 'float.api-token'],
    ]);
  });

  it('stays quiet on the same shapes without the service name, on common words that are not the service, and on prefixes with too short a body', () => {
    const found = findings({
      'lookalikes.js': [
        // Common words and longer names that are not the service.
        `const float = parseFloat(price); const apiKey = "${value('la-float-a', 16, HEX)}${value('la-float-b', 42, BASE62 + '+/')}=";`,
        `const onKey = debounce(search, 300); const key = "${value('la-debounce', 13)}";`,
        `const ditto = copy(source); const token = "${groups('la-ditto', [8, 4, 4, 4, 12], LOWER_ALNUM)}.${value('la-ditto-b', 40, LOWER_ALNUM)}";`,
        `const FRONTEND_API_TOKEN = "${jwt('la-front', HS256_ALG_FIRST, 200, 43)}";`,
        // The shapes alone.
        `const requestId = "${groups('la-uuid', [8, 4, 4, 4, 12], HEX)}";`,
        `const traceId = "${groups('la-everhour', [4, 4, 6, 6, 8], HEX)}";`,
        `const session = "${groups('la-ayrshare', [8, 8, 8, 8], UPPER_ALNUM)}";`,
        `const secret = "sk_${value('la-sk', 22)}";`,
        `const bearer = "${jwt('la-appfollow', HS256_TYP_FIRST, 74, 43)}";`,
        `const build = "${value('la-codemagic', 43, BASE62 + '_')}";`,
        // Bannerbear prefixes with too short a body.
        `const a = "bb_pr_${value('la-bb-pr', 20, HEX)}"; const b = "bb_ma_${value('la-bb-ma', 29, HEX)}";`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'lookalikes.js')).toEqual([]);
  });
});

// The seventh round's service table, list a (data/services/round7-a.yaml), through the real built CLI: each
// AI or developer platform's key in a realistic config or source line, and the same shapes without the
// service's name (or with too short a body) that must stay quiet. Every value is generated here from the
// documented shape, not taken from any other project.
import { describe, expect, it } from 'vitest';
import { perTestTemp } from '../../../test-support/helpers.js';
import { BASE62, HEX, LOWER_ALNUM, providerFindings, scanFiles, value } from '../../../test-support/generated-values.js';

const temp = perTestTemp();
const findings = (files: Record<string, string>) => scanFiles(temp.dir(), files);

const BASE64URL = BASE62 + '_-';
/** A random-looking lowercase UUID (version 4 layout). */
const uuid = (seed: string) =>
  `${value(`${seed}-a`, 8, HEX)}-${value(`${seed}-b`, 4, HEX)}-4${value(`${seed}-c`, 3, HEX)}-a${value(`${seed}-d`, 3, HEX)}-${value(`${seed}-e`, 12, HEX)}`;
/** The base64url JSON a JWT starts with, for a header or payload generated here. */
const segment = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

describe('seventh round, list a: prefixes that stand alone', () => {
  it('finds Tavily, Jina, Together AI, Endor Labs, Mergify, Zuplo, TeamCity, WakaTime, Riot Games and Instagram Basic Display keys by their prefixes', () => {
    const found = findings({
      'agents.env': [
        `TAVILY_API_KEY=tvly-dev-${value('tavily-a', 6)}-${value('tavily-b', 42)}`,
        `JINA_API_KEY=jina_${value('jina-hex', 32, HEX)}${value('jina-tail', 28)}`,
        `TOGETHER_API_KEY=tgp_v1_${value('together', 43, BASE64URL)}`,
        `ENDOR_API_CREDENTIALS_KEY=endr+${value('endor-key', 16)}`,
        `ENDOR_API_CREDENTIALS_SECRET=endr+${value('endor-secret', 16)}`,
        `MERGIFY_TOKEN=mergify_application_key_${value('mergify', 48, BASE64URL)}`,
      ].join('\n'),
      'settings.kts': [
        `params {`,
        `    param("env.TC_TOKEN", "eyJ0eXAiOiAiVENWMiJ9.${value('tc-id', 36, BASE64URL)}.${Buffer.from(uuid('tc')).toString('base64url')}")`,
        `}`,
      ].join('\n'),
      'tools.yml': [`wakatime:`, `  api_key: waka_${uuid('waka')}`, `riot:`, `  token: RGAPI-${uuid('riot')}`].join('\n'),
      'client.js': [
        `const weather = await fetch(url, { headers: { Authorization: 'Bearer zpka_${value('zuplo', 32, LOWER_ALNUM)}_${value('zuplo-sum', 8, HEX)}' } });`,
        `const feed = await fetch('https://graph.instagram.com/me/media?access_token=IGQVJ${value('ig-basic', 150, BASE64URL)}');`,
      ].join('\n'),
    });
    const provider = (name: string) => providerFindings(found, name);
    expect(provider('agents.env')).toEqual([
      [1, 'tavily.api-key'],
      [2, 'jina.api-key'],
      [3, 'togetherai.api-key'],
      [4, 'endorlabs.api-credential'],
      [5, 'endorlabs.api-credential'],
      [6, 'mergify.application-key'],
    ]);
    expect(provider('settings.kts')).toEqual([[2, 'teamcity.access-token']]);
    expect(provider('tools.yml')).toEqual([
      [2, 'wakatime.api-key'],
      [4, 'riotgames.api-key'],
    ]);
    expect(provider('client.js')).toEqual([
      [1, 'zuplo.api-key'],
      [2, 'instagram.basic-display-token'],
    ]);
  });
});

describe("seventh round, list a: short or shared prefixes, where the service's name stands", () => {
  it('finds Cerebras, Firecrawl, Fireworks, Retell, Runway, Stability, Voyage, Cursor, Friendli, CodeRabbit, Coze and Instagram keys', () => {
    const found = findings({
      'ai.env': [
        `CEREBRAS_API_KEY=csk-${value('cerebras', 48, LOWER_ALNUM)}`,
        `FIRECRAWL_API_KEY=fc-${value('firecrawl', 32, HEX)}`,
        `FIREWORKS_API_KEY=fw_${value('fireworks', 24)}`,
        `RETELL_API_KEY=key_${value('retell', 28, HEX)}`,
        `RUNWAYML_API_SECRET=key_${value('runway', 128, HEX)}`,
        `STABILITY_API_KEY=sk-${value('stability', 48)}`,
        `VOYAGE_API_KEY=pa-${value('voyage', 43, BASE64URL)}`,
        `CURSOR_API_KEY=key_${value('cursor', 64, HEX)}`,
        `FRIENDLI_TOKEN=flp_${value('friendli', 46)}`,
        `CODERABBIT_API_KEY=cr-${value('coderabbit', 58, HEX)}`,
      ].join('\n'),
      'bot.py': `coze = Coze(auth=TokenAuth(token="pat_${value('coze', 64)}"), base_url=COZE_COM_BASE_URL)\n`,
      'social.json': `{ "instagram": { "access_token": "IGAA${value('ig-login', 178, BASE64URL)}" } }\n`,
    });
    expect(providerFindings(found, 'ai.env')).toEqual([
      [1, 'cerebras.api-key'],
      [2, 'firecrawl.api-key'],
      [3, 'fireworks.api-key'],
      [4, 'retellai.api-key'],
      [5, 'runway.api-secret'],
      [6, 'stabilityai.api-key'],
      [7, 'voyageai.api-key'],
      [8, 'cursor.api-key'],
      [9, 'friendli.personal-access-token'],
      [10, 'coderabbit.api-key'],
    ]);
    expect(providerFindings(found, 'bot.py')).toEqual([[1, 'coze.personal-access-token']]);
    expect(providerFindings(found, 'social.json')).toEqual([[1, 'instagram.access-token']]);
  });
});

describe("seventh round, list a: common shapes (UUID, hex, dotted, JWT) where the service's name stands", () => {
  it('finds Baseten, Exa, Kagi, Vast.ai, Zhipu, Eden AI, Speechtext.ai, Voicegain, Authress, App Center, WakaTime, DeviantArt, Iterable and Instantly keys', () => {
    const jwtHeader = segment({ alg: 'HS256', typ: 'JWT' });
    const instantlyKey = Buffer.from(`${uuid('instantly')}:${value('instantly-tail', 12)}`).toString('base64');
    // Keys of one shape go in different files: a name reaches the values on the lines around it.
    const found = findings({
      'models.yml': [
        `baseten_api_key: ${value('baseten-id', 8)}.${value('baseten-secret', 32)}`,
        `vast_api_key: ${value('vast', 64, HEX)}`,
        `zhipuai_api_key: ${value('zhipu-id', 32, HEX)}.${value('zhipu-secret', 16)}`,
        `appcenter_api_token: ${value('appcenter', 40, HEX)}`,
      ].join('\n'),
      'search.py': `exa = Exa(os.getenv("EXA_API_KEY", "${uuid('exa')}"))\nKAGI_API_KEY = "${value('kagi-a', 11, BASE64URL)}.${value('kagi-b', 43, BASE64URL)}"\n`,
      'speech.env': [
        `EDENAI_API_KEY=${jwtHeader}.ey${value('eden-body', 90, BASE64URL)}.${value('eden-sig', 43, BASE64URL)}`,
        `SPEECHTEXT_SECRET_KEY=${value('speechtext', 32, HEX)}`,
      ].join('\n'),
      'voice.env': `VOICEGAIN_API_TOKEN=ey${value('vg-head', 34, BASE64URL)}.ey${value('vg-body', 108, BASE64URL)}.${value('vg-sig', 43, BASE64URL)}\n`,
      'authz.json': `{ "authressAccessKey": "sc_${value('authress-client', 10)}.${value('authress-key', 4)}.acc_${value('authress-account', 12, LOWER_ALNUM)}.${value('authress-private', 44)}" }\n`,
      'waka.cfg': `WAKATIME_API_KEY=${uuid('waka-legacy')}\n`,
      'art.env': `DEVIANTART_CLIENT_SECRET=${value('deviantart', 32, HEX)}\n`,
      'email.ts': `const iterableApiKey = '${value('iterable', 32, HEX)}';\n`,
      'outreach.env': `INSTANTLY_API_KEY=${instantlyKey}\n`,
    });
    const provider = (name: string) => providerFindings(found, name);
    expect(provider('models.yml')).toEqual([
      [1, 'baseten.api-key'],
      [2, 'vastai.api-key'],
      [3, 'zhipu.api-key'],
      [4, 'appcenter.api-token'],
    ]);
    expect(provider('search.py')).toEqual([
      [1, 'exa.api-key'],
      [2, 'kagi.api-key'],
    ]);
    expect(provider('speech.env')).toEqual([
      [1, 'edenai.api-key'],
      [2, 'speechtextai.api-key'],
    ]);
    expect(provider('voice.env')).toEqual([[1, 'voicegain.api-token']]);
    expect(provider('authz.json')).toEqual([[1, 'authress.access-key']]);
    expect(provider('waka.cfg')).toEqual([[1, 'wakatime.legacy-api-key']]);
    expect(provider('art.env')).toEqual([[1, 'deviantart.client-secret']]);
    expect(provider('email.ts')).toEqual([[1, 'iterable.api-key']]);
    expect(provider('outreach.env')).toEqual([[1, 'instantly.api-key']]);
  });
});

describe('seventh round, list a: look-alikes', () => {
  it('stays quiet on the same shapes without the service named, on bare words that are not its name, and on prefixes with too short a body', () => {
    const found = findings({
      'lookalikes.txt': [
        // Short or shared prefixes, no name.
        `API_KEY=csk-${value('no-cerebras', 48, LOWER_ALNUM)}`,
        `token = "fc-${value('no-firecrawl', 32, HEX)}"`,
        `secret: key_${value('no-retell', 28, HEX)}`,
        `API_KEY=sk-${value('no-stability', 48)}`,
        `api_key: pa-${value('no-voyage', 43, BASE64URL)}`,
        `access_token = "IGAA${value('no-instagram', 150, BASE64URL)}"`,
        // Common words that are not the service's name.
        `next_cursor_key = "key_${value('db-cursor', 64, HEX)}"`,
        `for key in iterable: checksum = "${value('iterable-word', 32, HEX)}"`,
        `# the cache refreshes instantly: ${Buffer.from(`${uuid('no-instantly')}:${value('no-instantly-tail', 12)}`).toString('base64')}`,
        `example_request_id = "${uuid('example')}"`,
        // Prefixes with too short a body.
        `tvly-${value('short-tavily', 20)}`,
        `jina_${value('short-jina', 30)}`,
        `endr+${value('short-endor', 8)}`,
        `RGAPI-${value('short-riot', 8, HEX)}`,
        `zpka_${value('short-zuplo', 16, LOWER_ALNUM)}`,
        `waka_${value('short-waka', 12, HEX)}`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'lookalikes.txt')).toEqual([]);
  });
});

// Issue 24, causes 1-3 through the real built CLI: formats as wide as the providers document them,
// the service's name near a value of its shape (the compiled service table), and the rule count.
// Every value here is generated from the documented shape, not taken from any other project.
import { describe, expect, it } from 'vitest';
import { perTestTemp, runHushProcess } from '../../../test-support/helpers.js';
import { BASE62, HEX, LOWER_ALNUM, locatedFindings, providerFindings, scanFiles, value } from '../../../test-support/generated-values.js';

const temp = perTestTemp();
const findings = (files: Record<string, string>) => scanFiles(temp.dir(), files);

const rulesAt = (list: Array<{ ruleId: string; line: number }>, line: number) => list.filter((f) => f.line === line).map((f) => f.ruleId);

describe('formats as wide as the provider documents them (cause 1)', () => {
  it('finds Stripe, SendGrid, New Relic, Shopify, Atlassian and Asana keys of every documented length', () => {
    const lines = [
      `STRIPE_RESTRICTED_KEY=rk_live_${value('stripe', 58)}`,
      `SENDGRID_API_KEY=SG.${value('sg-id', 20)}.${value('sg-secret', 49)}`,
      `NEW_RELIC_LICENSE_KEY=eu01xx${value('nr', 26, HEX)}FFFFNRAL`,
      `newrelic_mobile_token = "AA${value('nrma', 40, HEX)}-NRMA"`,
      `SHOPIFY_API_SECRET=shpss_${value('shopify', 38)}`,
      `ATLASSIAN_ADMIN_KEY=ATCTT3${value('atctt', 176, BASE62 + '_-')}=${value('atctt-sum', 8, '0123456789ABCDEF')}`,
      `ASANA_TOKEN=7/${value('asana-user', 16, '0123456789')}/${value('asana-app', 16, '0123456789')}:${value('asana', 32, HEX)}`,
    ];
    const found = findings({ 'keys.env': lines.join('\n') + '\n' });
    expect(rulesAt(found, 1)).toEqual(['stripe.secret-key-other-length']);
    expect(rulesAt(found, 2)).toEqual(['sendgrid.api-key']);
    expect(rulesAt(found, 3)).toEqual(['newrelic.key']);
    expect(rulesAt(found, 4)).toEqual(['newrelic.key']);
    expect(rulesAt(found, 5)).toEqual(['shopify.access-token']);
    expect(rulesAt(found, 6)).toEqual(['atlassian.api-token']);
    expect(rulesAt(found, 7)).toEqual(['asana.personal-access-token']);
  });

  it('stays quiet on what the widened formats still exclude: too short, hex-only bodies of other vendors, placeholders', () => {
    const found = findings({
      'keys.env': [
        `STRIPE_SECRET_KEY=sk_live_${value('short', 19)}`,
        `PAYSTACK_SECRET_KEY=sk_live_${value('paystack', 40, HEX)}`,
        `STRIPE_SECRET_KEY=sk_live_${'A'.repeat(58)}`,
        `SENDGRID_API_KEY=SG.${value('sg-short', 10)}.${value('sg-short2', 20)}`,
        `NEW_RELIC_LICENSE_KEY=${value('nr-short', 30, HEX)}NRAL`,
      ].join('\n'),
    });
    // The hex-only `sk_live_` body is Paystack's, and only Paystack's rule reports it. (The generic detector,
    // which judges any random value given to a `*_KEY` name at low confidence, is not a provider format.)
    const byProviderRules = found.filter((f) => !f.ruleId.startsWith('generic.'));
    expect(byProviderRules.map((f) => [f.line, f.ruleId])).toEqual([[2, 'paystack.secret-key']]);
  });
});

describe("the service's name near a value of its shape (cause 2)", () => {
  const abuse = value('abuseipdb', 80, LOWER_ALNUM);
  const twilioToken = value('twilio', 32, HEX);
  const jira = value('jira', 24);

  it('finds prefix-less keys named on the line or the line before', () => {
    const found = findings({
      'client.py': `# reputation lookups go to AbuseIPDB\nclient = Client("${abuse}")\n`,
      'notes.txt': `twilio token - '${twilioToken}'\njira ${jira}\n`,
      'mail.py': `MAILGUN = {"domain": "mg.contoso.com", "key": "key-${value('mailgun', 32, LOWER_ALNUM)}"}\n`,
    });
    const byFile = (name: string) => found.filter((f) => f.path.endsWith(name)).map((f) => f.ruleId);
    expect(byFile('client.py')).toEqual(['abuseipdb.api-key']);
    expect(byFile('notes.txt')).toEqual(['twilio.auth-token-near-name', 'atlassian.api-token-near-name']);
    expect(byFile('mail.py')).toEqual(['mailgun.private-key-near-name']);
  });

  it('stays quiet without the name, with the name far away or inside another word, and on placeholders', () => {
    const filler = Array.from({ length: 20 }, (_, i) => `step ${i}: nothing to see here, just a log line`).join('\n');
    const found = findings({
      'no-name.py': `client = Client("${abuse}")\ntoken = '${twilioToken}'\n`,
      'far.py': `# reputation lookups go to AbuseIPDB\n${filler}\nclient = Client("${abuse}")\n`,
      'word.go': `// Truncated token from a config export\ntoken := "${value('tru', 20, BASE62)}"\n`,
      'placeholder.env': `ABUSEIPDB_API_KEY=${'x'.repeat(80)}\nTWILIO_AUTH_TOKEN=${'0'.repeat(32)}\n`,
      'hash.txt': `abuseipdb report checksum ${value('sha', 80, HEX)}\n`,
      // The storage and Cosmos DB emulators' key, published by Microsoft for local development.
      'emulator.env': 'AZURE_STORAGE_ACCOUNT_KEY=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==\n',
    });
    expect(found.filter((f) => !f.ruleId.startsWith('generic.'))).toEqual([]);
  });
});

describe('second round: shapes pinned where the provider pins them, names that suffice alone', () => {
  it('finds Cloudflare scannable tokens only as 40 characters plus an 8-hex checksum', () => {
    const body = value('cf-body', 40);
    const found = findings({
      'wrangler.env': [
        `CLOUDFLARE_API_TOKEN=cfut_${body}${value('cf-sum', 8, HEX)}`,
        `CLOUDFLARE_API_TOKEN=cfut_${body}${value('cf-sum', 8, HEX)}Q`,
        `CLOUDFLARE_API_TOKEN=cfut_${body}${value('cf-sum', 7, HEX)}`,
        `CLOUDFLARE_API_TOKEN=cfut_${body}${value('cf-upper', 8, BASE62.slice(0, 26))}`,
      ].join('\n'),
    });
    expect(found.filter((f) => f.ruleId === 'cloudflare.scannable-token').map((f) => f.line)).toEqual([1]);
  });

  it('keeps marker-less OpenAI keys but not samples holding an alphabet run or a test suffix', () => {
    const found = findings({
      'openai.env': [
        `OPENAI_API_KEY=sk-proj-${value('oa-real', 120, BASE62 + '_-')}`,
        `OPENAI_API_KEY=sk-proj-${value('oa-run', 60, BASE62 + '_-')}abcdefgh${value('oa-run2', 60, BASE62 + '_-')}`,
        `OPENAI_ADMIN_KEY=sk-admin-${value('oa-test', 110, BASE62 + '_-')}test`,
      ].join('\n'),
    });
    expect(found.filter((f) => f.ruleId === 'openai.prefixed-key').map((f) => f.line)).toEqual([1]);
  });

  it('finds OpenAI keys that carry their owner name before the marked body, not a marker-less look-alike', () => {
    const body = (seed: string) => `${value(seed, 20)}T3BlbkFJ${value(`${seed}-tail`, 20)}`;
    const found = findings({
      'openai.env': [
        `OPENAI_API_KEY=sk-nightly-report-${body('named')}`,
        `OPENAI_API_KEY=sk-None-${body('none')}`,
        `OPENAI_API_KEY=sk-nightly-report-${value('plain', 48)}`,
      ].join('\n'),
    });
    expect(found.filter((f) => f.ruleId.startsWith('openai.')).map((f) => [f.line, f.ruleId])).toEqual([
      [1, 'openai.api-key'],
      [2, 'openai.api-key'],
    ]);
  });

  it("takes a service's own API host as its name without a credential word, but not the bare service word", () => {
    const searchKey = value('search', 52);
    const found = findings({
      'jenkins.xml': `<id>https://contoso-catalog.search.windows.net/indexes/products</id>\n<secret>${searchKey}</secret>\n`,
      'plain.yaml': `azure:\n  region: ${searchKey}\n`,
    });
    const byFile = (name: string) => found.filter((f) => f.path.endsWith(name)).map((f) => f.ruleId);
    expect(byFile('jenkins.xml')).toEqual(['azure.search-key']);
    expect(byFile('plain.yaml').filter((id) => !id.startsWith('generic.'))).toEqual([]);
  });
});

describe('missing shapes of a service', () => {
  it('finds a Teams Workflows / Logic Apps trigger URL only with its signature', () => {
    const url = (host: string, path: string) =>
      `https://${host}:443/${path}workflows/${value('wf', 32, HEX)}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0`;
    const sig = value('sig', 43, BASE62 + '_-');
    const found = findings({
      'alerts.env': [
        `TEAMS_ALERTS=${url('prod-11.northeurope.logic.azure.com', '')}&sig=${sig}`,
        `TEAMS_ALERTS=${url('abc123.4.environment.api.powerplatform.com', 'powerautomate/automations/direct/')}&sig=${sig}`,
        `TEAMS_ALERTS=${url('prod-11.northeurope.logic.azure.com', '')}`,
      ].join('\n'),
    });
    expect(found.filter((f) => f.ruleId === 'microsoft.workflow-trigger-url').map((f) => f.line)).toEqual([1, 2]);
  });

  it('finds MaxMind license keys in the documented `_mmk` format wherever they sit, not shorter ones', () => {
    const key = `${value('mmk-prefix', 6)}_${value('mmk-body', 29, BASE62 + '_')}_mmk`;
    const found = findings({
      'geoip.conf': `# account settings\nLicenseKey ${key}\n`,
      'fetch.sh': `wget "https://download.maxmind.com/app/geoip_download?edition_id=GeoLite2-City&license_key=${key}&suffix=tar.gz"\n`,
      'short.env': `MAXMIND_LICENSE_KEY=${value('mmk-short', 20)}_mmk\n`,
    });
    expect(found.filter((f) => f.ruleId.startsWith('maxmind')).map((f) => [f.path.split('/').pop(), f.line, f.ruleId])).toEqual([
      ['fetch.sh', 1, 'maxmindlicense.license-key'],
      ['geoip.conf', 2, 'maxmindlicense.license-key'],
    ]);
  });

  it('finds SonarQube Cloud scoped organization tokens by their documented prefix', () => {
    const found = findings({
      'sonar.properties': `sonar.token=sqco_${value('sqco', 62)}\nsonar.login=sqco_${value('sqco-short', 12)}\npayload=sqco_${value('sqco-b64', 57)}==\n`,
    });
    expect(found.filter((f) => f.ruleId.startsWith('sonarqube.')).map((f) => [f.line, f.ruleId])).toEqual([[1, 'sonarqube.scoped-organization-token']]);
  });

  it('finds an AWS AppSync API key where AppSync is named, not a placeholder or a bare `da2-` value', () => {
    const endpoint = `https://${value('appsync-host', 26, LOWER_ALNUM)}.appsync-api.eu-west-1.amazonaws.com/graphql`;
    const found = findings({
      'aws-exports.js': `const awsmobile = {\n  aws_appsync_graphqlEndpoint: '${endpoint}',\n  aws_appsync_apiKey: 'da2-${value('appsync', 26, LOWER_ALNUM)}',\n};\n`,
      'placeholder.js': `const awsmobile = {\n  aws_appsync_graphqlEndpoint: '${endpoint}',\n  aws_appsync_apiKey: 'da2-abcdefghijklmnopqrstuvwxyz',\n};\n`,
      'unnamed.txt': `build da2-${value('appsync-bare', 26, LOWER_ALNUM)}\n`,
    });
    expect(found.filter((f) => f.ruleId === 'aws.appsync-api-key').map((f) => [f.path.split('/').pop(), f.line])).toEqual([['aws-exports.js', 3]]);
  });

  it('finds a Razorpay key secret by the service name alone, not a single-case value or one without the name', () => {
    const secret = value('rzp', 24);
    const found = findings({
      'pay.txt': `razorpay secret - '${secret}'\nrazorpay ref ${value('rzp-lower', 24, LOWER_ALNUM)}\n`,
      'ledger.txt': `settlement ${secret}\n`,
    });
    expect(found.filter((f) => f.ruleId.startsWith('razorpay.')).map((f) => [f.path.split('/').pop(), f.line, f.ruleId])).toEqual([
      ['pay.txt', 1, 'razorpay.key-secret-near-name'],
    ]);
  });
});

describe('third round: the top services, as wide as documented and by name', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  it('finds the widened formats (cause 1) and only them', () => {
    // A GCP registry's `auth` is base64 of `_json_key:` and a whole service-account key file (with newlines).
    const keyFile = `{\n  "type": "service_account",\n  "project_id": "contoso-builds",\n  "private_key": "${value('gcp-pk', 1600, BASE62 + '+/')}"\n}`;
    const lines = [
      `VERCEL_APP_TOKEN=vca_${value('vca', 56)}`,
      `X-Auth-User-Service-Key: v1.0-${value('cf-ca-id', 24, LOWER_ALNUM)}-${value('cf-ca-key', 146, LOWER_ALNUM)}`,
      `GITHUB_TOKEN=ghs_${value('ghs-a', 70)}_${value('ghs-b', 120)}`,
      `PULUMI_ACCESS_TOKEN=pul-${value('pul', 40, LOWER_ALNUM)}`,
      `SUPABASE_ACCESS_TOKEN=sbp_${value('sbp', 40, LOWER_ALNUM)}`,
      `APP_CONFIG=Endpoint=https://orders-settings.azconfig.io;Id=${value('ac-id', 12)};Secret=${value('ac-secret', 36, BASE62 + '+/')}`,
      `{"auths": {"europe-docker.pkg.dev": {"auth": "${b64(`_json_key:${keyFile}`)}"}}}`,
      `environment = ["DOCKER_AUTH_CONFIG={\\"auths\\":{\\"registry.contoso.com\\":{\\"auth\\":\\"${b64(`deploy:${value('pw4', 4)}`)}\\"}}}"]`,
    ];
    const found = findings({ 'top.env': lines.join('\n') + '\n' });
    expect(rulesAt(found, 1)).toEqual(['vercel.token']);
    expect(rulesAt(found, 2)).toEqual(['cloudflare.api-token']);
    expect(rulesAt(found, 3)).toEqual(['github.app-token']);
    expect(rulesAt(found, 4)).toEqual(['pulumi.access-token']);
    expect(rulesAt(found, 5)).toEqual(['supabase.access-token']);
    expect(rulesAt(found, 6)).toEqual(['azure.app-configuration-connection-string']);
    expect(rulesAt(found, 7)).toEqual(['config.docker-auths']);
    expect(rulesAt(found, 8)).toEqual(['config.docker-auths-escaped']);
  });

  it('stays quiet on what the widened formats still exclude', () => {
    const found = findings({
      'quiet.env': [
        // `ghs_` and a word (no digit) is an identifier, not a token.
        'def ghs_installation_token_cache_directory(): pass',
        // A version string is not an origin CA key: the segments are 24 and 146 characters.
        `release: v1.0-rc2-${value('rel', 30, LOWER_ALNUM)}`,
        `PULUMI_ACCESS_TOKEN=pul-${value('pul-short', 30, LOWER_ALNUM)}`,
        `APP_CONFIG=Endpoint=https://orders-settings.azconfig.io;Id=x;Secret=${value('ac-short', 12)}`,
        // A registry password of a template (`1234`) or under 4 characters is no credential.
        `environment = ["DOCKER_AUTH_CONFIG={\\"auths\\":{\\"r.contoso.com\\":{\\"auth\\":\\"${b64('deploy:1234')}\\"}}}"]`,
        `{"auths": {"quay.io": {"auth": "${b64('ci:abc')}"}}}`,
      ].join('\n'),
    });
    expect(found.filter((f) => !f.ruleId.startsWith('generic.')).map((f) => [f.line, f.ruleId])).toEqual([]);
  });

  it("finds an Azure Functions key by its name and a GitHub app's client id and secret written as a pair (cause 2)", () => {
    const found = findings({
      'orders.yaml': `orders:\n  baseUrl: https://contoso-orders.azurewebsites.net/api/Intake\n  functionKey: ${value('fk', 34, BASE62 + '_-')}1=\n`,
      'oauth.py': `github_app = ('Iv1.${value('iv1', 16, HEX)}', '${value('gh-secret', 40, HEX)}')\n`,
    });
    const byFile = (name: string) => found.filter((f) => f.path.endsWith(name)).map((f) => [f.line, f.ruleId]);
    expect(byFile('orders.yaml')).toEqual([[3, 'azure.function-key']]);
    expect(byFile('oauth.py')).toEqual([[1, 'github.oauth-client-pair']]);
  });

  it('stays quiet on a function-key name given a word, and on a GitHub-side hash without a client id before it', () => {
    const found = findings({
      'keys.yaml': `function_key: contoso-orders-function-lookup-cache\nfunctionKey: "F12"\n`,
      'release.txt': `github release v2.31.0-rc1-build-0042: ${value('sha', 40, HEX)}\ngithub = 'Iv1.${value('iv1-only', 16, HEX)}'\n`,
    });
    expect(found.filter((f) => !f.ruleId.startsWith('generic.')).map((f) => [f.path.split('/').pop(), f.ruleId])).toEqual([]);
  });
});

describe('fourth round (services a-l): services the development set names that had no rule', () => {
  const uuid = (seed: string) => {
    const hex = value(seed, 32, HEX);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  };

  it('finds each documented shape: by its own prefix, or near the service name', () => {
    const lines = [
      // Lob secret keys: `live_`/`test_` and 35 hex, recognisable without the name.
      `postcards: { key: "live_${value('lob', 35, HEX)}" }`,
      `LANGFUSE_SECRET_KEY=sk-lf-${uuid('langfuse')}`,
      `deployctl deploy --project=storefront --token ddp_${value('ddp', 36)} main.ts`,
      `KRAKEN_PRIVATE_KEY=${value('kraken', 86, BASE62 + '+/')}==`,
      `ipinfo token: ${value('ipinfo', 14, HEX)}`,
      `curl -H "Authorization: Bearer 4410982-${value('avaza', 40, HEX)}" https://api.avaza.com/api/Account`,
      `duffel = Duffel(access_token="duffel_live_${value('duffel', 43, BASE62 + '_-')}")`,
      `curl -u :live_${value('column', 28)} https://api.column.com/bank-accounts`,
      `COURIER_AUTH_TOKEN=pk_prod_${value('courier', 28, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
      `ETH_RPC_URL=https://eth-mainnet.g.alchemy.com/v2/alcht_${value('alcht', 30)}`,
      `rpc: "https://arb-mainnet.g.alchemy.com/v2/${value('alchemy-url', 32, BASE62 + '_-')}"`,
    ];
    const found = findings({ 'services.txt': lines.join('\n') + '\n' });
    expect(rulesAt(found, 1)).toEqual(['lob.live-secret-key']);
    expect(rulesAt(found, 2)).toEqual(['langfuse.secret']);
    expect(rulesAt(found, 3)).toEqual(['deno.token']);
    expect(rulesAt(found, 4)).toEqual(['kraken.secret']);
    expect(rulesAt(found, 5)).toEqual(['ipinfo.token']);
    expect(rulesAt(found, 6)).toEqual(['avaza.personal-access-token']);
    expect(rulesAt(found, 7)).toEqual(['duffel.live-token']);
    expect(rulesAt(found, 8)).toEqual(['column.api-key']);
    expect(rulesAt(found, 9)).toEqual(['courier.published-prod-key']);
    expect(rulesAt(found, 10)).toEqual(['alchemy.prefixed-api-key']);
    expect(rulesAt(found, 11)).toEqual(['alchemy.rpc-url-key']);
  });

  it('stays quiet on the parts that are not secret and on shapes the provider does not issue', () => {
    const found = findings({
      'quiet.txt': [
        // Publishable and public halves: Lob `live_pub_`, Langfuse `pk-lf-`, Kraken's 56-character public key.
        `LOB_PUBLISHABLE_KEY=live_pub_${value('lob-pub', 31, HEX)}`,
        `LANGFUSE_PUBLIC_KEY=pk-lf-${uuid('langfuse-pk')}`,
        `KRAKEN_API_KEY=${value('kraken-pub', 56, BASE62 + '+/')}`,
        // Too short for the documented shape, or a hex value with no credential word after the service name.
        `DENO_DEPLOY_TOKEN=ddp_${value('ddp-short', 30)}`,
        `ipinfo lookup of 8.8.8.8 cached under ${value('ipinfo-cache', 14, HEX)}`,
        `avaza project 2024-${value('avaza-rev', 40, HEX)}-draft`,
        // `column` as a word (a table column) does not name the bank; a Stripe `pk_test_` key is not Courier's.
        `ALTER TABLE orders ADD COLUMN status TEXT; -- live_${value('column-word', 28)}`,
        `STRIPE_PUBLISHABLE_KEY=pk_test_${value('stripe-pk', 99)}`,
        // An `alcht_` body of another length than the 30 Alchemy issues, and an RPC URL with its key templated.
        `ALCHEMY_KEY=alcht_${value('alcht-31', 31)}`,
        'ETH_RPC_URL=https://eth-mainnet.g.alchemy.com/v2/${ALCHEMY_API_KEY}',
      ].join('\n'),
    });
    expect(found.filter((f) => !f.ruleId.startsWith('generic.')).map((f) => [f.line, f.ruleId])).toEqual([]);
  });
});

describe('breadth (issue 24 deliverable 1)', () => {
  it('ships at least 650 built-in rules from at least 500 providers', () => {
    const result = runHushProcess(['rules', 'list', '--format', 'json']);
    expect(result.code).toBe(0);
    const rules = JSON.parse(result.stdout) as Array<{ id: string; provider: string; playbook: string }>;
    expect(rules.length).toBeGreaterThanOrEqual(650);
    expect(new Set(rules.map((r) => r.provider.toLowerCase().replace(/[^a-z0-9]/g, ''))).size).toBeGreaterThanOrEqual(500);
    for (const rule of rules) expect(rule.playbook, rule.id).toBeTruthy();
  });
});

describe('fourth round: services m-z that had no rule, in the format each provider documents', () => {
  it('finds Voiceflow, Typeform, Ticket Tailor, PubNub, OneSignal and Teamwork keys by their prefixes, and Smartsheet and Zulip keys by name', () => {
    const lines = [
      `VOICEFLOW_API_KEY=VF.DM.${value('vf-id', 24, HEX)}.${value('vf-secret', 16)}`,
      `TYPEFORM_TOKEN=tfp_${value('tfp', 44)}_${value('tfp-tail', 14)}`,
      `auth = ('sk_${value('tt-box', 4, '123456789')}_${value('tt-key', 6, '123456789')}_${value('tt', 32, HEX)}', '')`,
      `secretKey: 'sec-c-${Buffer.from(value('pubnub', 36, HEX)).toString('base64')}'`,
      `ONESIGNAL_REST_API_KEY=os_v2_app_${value('onesignal', 104, 'abcdefghijklmnopqrstuvwxyz234567')}`,
      `TEAMWORK_API_KEY=tkn.v1_${Buffer.from(`${value('tw', 36, HEX)}-${value('tw-n', 6, '0123456789')}.EU`).toString('base64')}`,
    ];
    // Name-near-value rows each in their own file: a name reaches values on nearby lines.
    const found = findings({
      'services.txt': lines.join('\n') + '\n',
      'smartsheet.yaml': `smartsheet_access_token: ${value('smartsheet', 37)}\n`,
      zuliprc: `[api]\nemail=ops-bot@contoso.zulipchat.com\nkey=${value('zulip', 32)}\nsite=https://contoso.zulipchat.com\n`,
    });
    const byFile = (name: string) => found.filter((f) => f.path.endsWith(name)).map((f) => [f.line, f.ruleId]);
    expect(byFile('services.txt')).toEqual([
      [1, 'voiceflow.api-key'],
      [2, 'typeform.personal-access-token'],
      [3, 'tickettailor.api-key'],
      [4, 'pubnub.secret-key'],
      [5, 'onesignal.api-key'],
      [6, 'teamwork.api-token'],
    ]);
    expect(byFile('smartsheet.yaml')).toEqual([[1, 'smartsheet.api-key']]);
    expect(byFile('zuliprc')).toEqual([[3, 'zulip.api-key']]);
  });

  it('finds a Tines webhook URL only with its secret, and stays quiet on look-alikes of the new prefixes', () => {
    const found = findings({
      'hooks.sh': [
        `curl -X POST https://contoso.tines.com/webhook/${value('tines-path', 32, LOWER_ALNUM)}/${value('tines-secret', 32, LOWER_ALNUM)} -d @alert.json`,
        `curl -X POST https://contoso.tines.com/webhook/phishing-report -d @alert.json`,
        `version = "VF.DM.2024.01"`,
        `def tfp_compute_total_for_each_row_in_the_table_and_return(self): pass`,
        `RELEASE=sk_2024_01_release_notes_and_changes`,
        `PUBNUB_SUBSCRIBE_KEY=sub-c-${value('sub-a', 8, HEX)}-${value('sub-b', 4, HEX)}-4${value('sub-c', 3, HEX)}-a${value('sub-d', 3, HEX)}-${value('sub-e', 12, HEX)}`,
      ].join('\n'),
    });
    expect(found.filter((f) => !f.ruleId.startsWith('generic.')).map((f) => [f.line, f.ruleId])).toEqual([[1, 'tines.webhook-url']]);
  });

  it("finds Railway and Opsgenie UUIDs written as 'railway token = …' / 'opsgenie token = …', not the ids written beside the token's name", () => {
    const uuid = (seed: string) =>
      `${value(seed, 8, HEX)}-${value(`${seed}b`, 4, HEX)}-4${value(`${seed}c`, 3, HEX)}-a${value(`${seed}d`, 3, HEX)}-${value(`${seed}e`, 12, HEX)}`;
    const found = findings({
      'notes.txt': `railway token = '${uuid('rw')}'\nopsgenie token = '${uuid('og')}'\n`,
      'deploy.yml': `env:\n  RAILWAY_TOKEN: \${{ secrets.RAILWAY_TOKEN }}\n  RAILWAY_PROJECT_ID: ${uuid('rw-project')}\n`,
      'alerts.yaml': `opsgenie:\n  api_key: \${OPSGENIE_API_KEY}\n  team_id: ${uuid('og-team')}\n`,
    });
    expect(found.filter((f) => !f.ruleId.startsWith('generic.')).map((f) => [f.path.split('/').pop(), f.line, f.ruleId])).toEqual([
      ['notes.txt', 1, 'railway.token'],
      ['notes.txt', 2, 'opsgenie.api-key-assignment'],
    ]);
  });
});

describe('fifth round (more services a–k)', () => {
  it('finds each documented shape by its prefix or near the service, and stays quiet on look-alikes', () => {
    const found = findings({
      'settings.env': [
        `KLAVIYO_PRIVATE_KEY=pk_${value('klaviyo', 34, LOWER_ALNUM)}`,
        `DTRACK_API_KEY=odt_${value('odt-id', 8)}_${value('odt-secret', 32)}`,
        `KICKBOX_API_KEY=live_${value('kickbox', 64, HEX)}`,
        `GRADLE_PUBLISH_SECRET=${value('gradle', 32)}`,
      ].join('\n'),
      'sketch.ino': `#define BLYNK_TEMPLATE_ID "TMPL4x"\n#define BLYNK_AUTH_TOKEN "${value('blynk', 32, BASE62 + '_-')}"\n`,
      'lookalikes.txt': [
        // Stripe's publishable key beside Klaviyo's public site id; a placeholder; a Blynk token read from a macro.
        `klaviyo: { siteId: "Ab12Cd" }, stripe: { key: "pk_live_${value('stripe-pk', 40)}" }`,
        `KICKBOX_API_KEY=live_your_kickbox_api_key_goes_here_x`,
        `Blynk.begin(BLYNK_AUTH_TOKEN, ssid, pass);`,
        `export_odt_document_to_pdf_with_embedded_fonts_enabled = True`,
      ].join('\n'),
    });
    const provider = found.filter((f) => !f.ruleId.startsWith('generic.')).map((f) => [f.path.split('/').pop(), f.line, f.ruleId]);
    expect(provider.filter(([file]) => file !== 'lookalikes.txt')).toEqual([
      ['settings.env', 1, 'klaviyo.private-api-key'],
      ['settings.env', 2, 'dependencytrack.api-key'],
      ['settings.env', 3, 'kickbox.api-key'],
      ['settings.env', 4, 'gradle.plugin-portal-key'],
      ['sketch.ino', 2, 'blynk.auth-token'],
    ]);
    expect(provider.filter(([file, , rule]) => file === 'lookalikes.txt' && !String(rule).startsWith('stripe.'))).toEqual([]);
  });
});

describe('fifth round (more services l–z)', () => {
  it('finds StackHawk, Scrapfly and App Search keys by their prefixes, and UptimeRobot, TrueNAS and reCAPTCHA secrets where their names stand', () => {
    const found = findings({
      'scan.sh': [
        `docker run --rm -e API_KEY=hawk.${value('hawk-id', 20)}.${value('hawk-secret', 20)} stackhawk/hawkscan:latest`,
        `SCRAPFLY_API_KEY=scp-live-${value('scrapfly', 32, HEX)}`,
        `APP_SEARCH_PRIVATE_KEY=private-${value('app-search', 24, LOWER_ALNUM)}`,
      ].join('\n'),
      'monitor.env': `UPTIMEROBOT_API_KEY=u${value('ur-account', 7, '123456789')}-${value('ur-key', 24, HEX)}\n`,
      'nas.env': `TRUENAS_API_KEY=${value('tn-id', 2, '123456789')}-${value('truenas', 64)}\n`,
      'captcha.py': `RECAPTCHA_SITE_KEY = '6L${value('site', 38, BASE62 + '_-')}'\nRECAPTCHA_SECRET_KEY = '6L${value('secret', 38, BASE62 + '_-')}'\n`,
    });
    const byFile = (name: string) => providerFindings(found, name);
    expect(byFile('scan.sh')).toEqual([
      [1, 'stackhawk.api-key'],
      [2, 'scrapfly.api-key'],
      [3, 'swiftype.app-search-key'],
    ]);
    expect(byFile('monitor.env')).toEqual([[1, 'uptimerobot.api-key']]);
    expect(byFile('nas.env')).toEqual([[1, 'truenas.api-key']]);
    // The site key is public: only the secret key on line 2 is reported.
    expect(byFile('captcha.py')).toEqual([[2, 'recaptcha.secret-key']]);
  });

  it('finds Toggl Track, Webflow and Yelp keys by name, and stays quiet on look-alikes without it', () => {
    const found = findings({
      'toggl.env': `TOGGL_API_TOKEN=${value('toggl', 32, HEX)}\n`,
      'webflow.json': `{ "webflowApiToken": "${value('webflow', 64, HEX)}" }\n`,
      'yelp.py': `YELP_API_KEY = "${value('yelp', 128, BASE62 + '_-')}"\n`,
      'other.txt': [
        `const { header } = hawk.client.header(uri, 'GET', { credentials });`,
        `docker_network: private-${value('net', 24, LOWER_ALNUM)}`,
        `build_id = 12-${value('build', 64)}`,
        `toggle_token = ${value('toggle', 32, HEX)}`,
      ].join('\n'),
    });
    const byFile = (name: string) => found.filter((f) => f.path.endsWith(name)).map((f) => [f.line, f.ruleId]);
    expect(byFile('toggl.env')).toEqual([[1, 'toggltrack.api-token']]);
    expect(byFile('webflow.json')).toEqual([[1, 'webflow.api-token']]);
    expect(byFile('yelp.py')).toEqual([[1, 'yelp.api-key']]);
    expect(found.filter((f) => f.path.endsWith('other.txt') && !f.ruleId.startsWith('generic.'))).toEqual([]);
  });
});

describe('sixth round (services other scanners cover)', () => {
  it('finds Scalingo, SettleMint, 42 and Defined Networking keys by their prefixes, the others where their service is named', () => {
    const found = findings({
      'deploy.env': [
        `SCALINGO_API_TOKEN=tk-us-${value('scalingo', 48, BASE62 + '_-')}`,
        `SETTLEMINT_ACCESS_TOKEN=sm_pat_${value('sm-pat', 16)}`,
        `SETTLEMINT_APP_TOKEN=sm_aat_${value('sm-aat', 16)}`,
        `FT_CLIENT_SECRET=s-s4t2ud-${value('intra42', 64, HEX)}`,
        `DN_API_KEY=dnkey-${value('dn-a', 26, BASE62)}-${value('dn-b', 52, BASE62)}`,
      ].join('\n'),
      'services.yml': [
        `beamer_api_key: b_${value('beamer', 44, BASE62 + '_-')}`,
        `looker_client_id: ${value('looker-id', 20)}`,
        `looker_client_secret: ${value('looker-secret', 24)}`,
        `etsy_keystring: ${value('etsy', 24, LOWER_ALNUM)}`,
        `nytimes_api_key: ${value('nyt', 32)}`,
        `finicity_app_key: ${value('finicity-key', 32, HEX)}`,
        `private_ai_api_key: ${value('privateai', 32, LOWER_ALNUM)}`,
      ].join('\n'),
      'lookalikes.txt': [
        // The same shapes without the service's name, and a prefix with too short a body.
        `api_client_id = "${value('plain-id', 20)}" # mailer`,
        `tk-us-${value('short', 20, BASE62)}`,
        `b_${value('no-name', 44, BASE62 + '_-')}`,
      ].join('\n'),
    });
    const provider = (name: string) => providerFindings(found, name);
    expect(provider('deploy.env')).toEqual([
      [1, 'scalingo.api-token'],
      [2, 'settlemint.personal-access-token'],
      [3, 'settlemint.application-access-token'],
      [4, 'intra42.client-secret'],
      [5, 'defined.api-key'],
    ]);
    expect(provider('services.yml')).toEqual([
      [1, 'beamer.api-key'],
      [2, 'looker.client-id'],
      [3, 'looker.client-secret'],
      [4, 'etsy.api-key'],
      [5, 'nytimes.api-key'],
      [6, 'finicity.app-key'],
      [7, 'privateai.api-key'],
    ]);
    expect(provider('lookalikes.txt')).toEqual([]);
  });
});

describe('formats other scanners accept that hush pinned tighter (cause 1, seventh round)', () => {
  it('finds Harness tokens with a non-hex token id, versioned Slack workspace tokens and Slack workflow trigger URLs', () => {
    const DIGITS = '0123456789';
    const found = findings({
      'ci.env': [
        `HARNESS_API_KEY=pat.${value('h-account', 22)}.${value('h-token-id', 24)}.${value('h-secret', 20)}`,
        `SLACK_TOKEN=xoxa-2-${value('xa-1', 12, DIGITS)}-${value('xa-2', 12, DIGITS)}-${value('xa-3', 12, DIGITS)}-${value('xa-4', 64, HEX)}`,
        `SLACK_TRIGGER_URL=https://hooks.slack.com/triggers/T${value('tr-team', 10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${value('tr-id', 13, DIGITS)}/${value('tr-secret', 32, HEX)}`,
      ].join('\n'),
      'lookalikes.txt': [
        // One segment short, a version but no workspace number, a trigger path without its secret.
        `HARNESS_API_KEY=pat.${value('h-account', 22)}.${value('h-token-id', 24)}`,
        `SLACK_TOKEN=xoxa-2-${value('xa-4', 64, HEX)}`,
        `https://hooks.slack.com/triggers/T${value('tr-team', 10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${value('tr-id', 13, DIGITS)}`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'ci.env')).toEqual([
      [1, 'harness.access-token'],
      [2, 'slack.token'],
      [3, 'slack.webhook-url'],
    ]);
    expect(providerFindings(found, 'lookalikes.txt')).toEqual([]);
  });

  it('finds GitHub refresh tokens of 76 characters, and CircleCI and SonarQube tokens from before their prefixes where the service is named', () => {
    const found = findings({
      'tokens.env': [
        `GITHUB_REFRESH_TOKEN=ghr_${value('ghr', 76)}`,
        `CIRCLECI_API_KEY=${value('circle', 40, HEX)}`,
        `sonar.login=${value('sonar', 40, HEX)}`,
      ].join('\n'),
      'lookalikes.txt': [
        // A commit hash beside the same names without a credential word, a refresh token of neither length.
        `CIRCLE_SHA1=${value('sha', 40, HEX)} # circleci build`,
        `sonar.scm.revision=${value('rev', 40, HEX)}`,
        `ghr_${value('ghr-short', 60)}`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'tokens.env')).toEqual([
      [1, 'github.refresh-token'],
      [2, 'circleci.legacy-api-token'],
      [3, 'sonarqube.legacy-token'],
    ]);
    expect(providerFindings(found, 'lookalikes.txt')).toEqual([]);
  });

  it('takes evidence on another line as farther in files whose lines end in a lone CR too', () => {
    // The SonarQube property on the token's own line names it, not the CircleCI name on the line before.
    const lines = [`CIRCLECI_API_KEY=${value('circle-cr', 40, HEX)}`, `sonar.login=${value('sonar-cr', 40, HEX)}`];
    const found = findings({ 'lf.env': lines.join('\n'), 'cr.env': lines.join('\r') });
    const expected = [
      [1, 'circleci.legacy-api-token'],
      [2, 'sonarqube.legacy-token'],
    ];
    expect(providerFindings(found, 'lf.env')).toEqual(expected);
    expect(providerFindings(found, 'cr.env')).toEqual(expected);
  });

  it('finds hex keys of services whose shape is letters and digits, but not git revisions and checksums beside the same names', () => {
    const sha = value('revision', 40, HEX);
    const found = findings({
      'keys.env': [`BITLY_ACCESS_TOKEN=${value('bitly-hex', 40, HEX)}`, `LOKALISE_API_TOKEN=${value('lokalise-hex', 40, HEX)}`].join('\n'),
      'package.json': JSON.stringify(
        {
          name: 'demo',
          gitHead: sha,
          dependencies: { bitly: `git+https://github.com/someone/node-bitly.git#${sha}`, lokalise: `github:someone/lokalise-api#${sha}` },
        },
        null,
        2,
      ),
      'notes.txt': `bitly: commit ${sha} moved the shortener\nlokalise export checksum ${value('sum', 40, HEX)}\n`,
    });
    expect(providerFindings(found, 'keys.env')).toEqual([
      [1, 'bitlyaccesstoken.api-key'],
      [2, 'lokalisetoken.api-key'],
    ]);
    expect(found.filter((f) => !f.path.endsWith('keys.env'))).toEqual([]);
  });

  it('finds StackHawk keys with URL-safe characters and Vault service tokens from before hvs. where Vault is named', () => {
    const URL_SAFE = BASE62 + '_-';
    const found = findings({
      'ci.env': [
        `STACKHAWK_API_KEY=hawk.${value('hawk-id', 20, URL_SAFE)}.${value('hawk-secret', 20, URL_SAFE)}`,
        `VAULT_TOKEN=s.${value('vault-legacy', 24)}`,
      ].join('\n'),
      'lookalikes.txt': [
        // A field access after a Vault word without a credential word, and Hawk's library call.
        `vault.s.${value('vault-field', 24)}`,
        `const { header } = hawk.client.header(uri, 'GET', { credentials });`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'ci.env')).toEqual([
      [1, 'stackhawk.api-key'],
      [2, 'vault.legacy-service-token'],
    ]);
    expect(providerFindings(found, 'lookalikes.txt')).toEqual([]);
  });

  it('finds a PsExec password, a password FileZilla saved and the Jenkins initial admin password in its log', () => {
    const saved = Buffer.from(value('ftp-password', 14)).toString('base64');
    const found = findings({
      'deploy.bat': `psexec \\\\web01 -u CORP\\svc_deploy -p ${value('psexec', 14)} cmd /c deploy.cmd\n`,
      'sitemanager.xml': `<FileZilla3>\n  <Servers>\n    <Server>\n      <Host>ftp.example.org</Host>\n      <User>deploy</User>\n      <Pass encoding="base64">${saved}</Pass>\n    </Server>\n  </Servers>\n</FileZilla3>\n`,
      'jenkins.log': `jenkins-1  | Please use the following password to proceed to installation:\njenkins-1  | \njenkins-1  | ${value('jenkins-admin', 32, HEX)}\n`,
      'lookalikes.txt': [
        // A variable instead of the password, an empty saved password, the log line without one.
        'PsExec64.exe \\\\web01 -u CORP\\svc_deploy -p %DEPLOY_PASSWORD% cmd',
        '<Server><User>anonymous</User><Pass encoding="base64"></Pass></Server>',
        'Please use the following password to proceed to installation: see the controller log',
      ].join('\n'),
    });
    expect(locatedFindings(found)).toEqual([
      ['deploy.bat', 1, 'generic.cli-password'],
      ['jenkins.log', 3, 'jenkins.initial-admin-password'],
      ['sitemanager.xml', 6, 'config.filezilla-password'],
    ]);
  });

  it('labels a PowerShell SecureString password Entra only where the script signs in to Azure, takes cmdlet -Password parameters, and Segment API tokens', () => {
    const found = findings({
      'backup.ps1': [
        `$pw = ConvertTo-SecureString "${value('ps-password', 12)}7q2X" -AsPlainText -Force`,
        `Connect-VIServer -Server vcenter01.corp.local -User administrator@vsphere.local -Password '${value('vi-password', 14)}'`,
        `Invoke-Sqlcmd -ServerInstance sql01 -Username report -Password ${value('sql-password', 14)} -Query "SELECT 1"`,
      ].join('\n'),
      'azure.ps1': [
        `$secret = ConvertTo-SecureString "${value('sp-secret', 34, BASE62 + '_-')}" -AsPlainText -Force`,
        'Connect-AzAccount -ServicePrincipal -Credential (New-Object PSCredential($env:AZURE_CLIENT_ID, $secret)) -Tenant $tenant',
      ].join('\n'),
      'segment.env': `SEGMENT_PUBLIC_API_TOKEN=sgp_${value('segment', 64)}\n`,
    });
    expect(locatedFindings(found)).toEqual([
      ['azure.ps1', 1, 'azure.entra-secret-powershell'],
      ['backup.ps1', 1, 'generic.powershell-plaintext-password'],
      ['backup.ps1', 2, 'generic.cli-password'],
      ['backup.ps1', 3, 'generic.cli-password'],
      ['segment.env', 1, 'segment.public-api-token'],
    ]);
  });
});

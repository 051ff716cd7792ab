// The shipped engines for org-wide audits: the Kubernetes manifest validates against the Kubernetes
// API schema (kubernetes-models' JSON Schemas), the reusable workflow against GitHub's own workflow
// schema (@actions/workflow-parser), and every hush command line in them parses.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { parseCommandLine } from '../src/command-line.js';
import { perTestTemp, repoRoot } from '../../../test-support/helpers.js';

const temp = perTestTemp();

const MANIFEST = join(repoRoot, 'deploy/kubernetes/org-audit.yaml');
const WORKFLOW = join(repoRoot, '.github/workflows/org-audit.yml');

type Doc = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, unknown>; data?: Record<string, string> };
type Container = {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: Record<string, { name: string; key: string }> }>;
};
type PodSpec = { containers: Container[]; initContainers?: Container[]; volumes: Array<{ name: string; persistentVolumeClaim?: { claimName: string } }> };

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'batch/v1/Job': Job,
};

function manifest(text = readFileSync(MANIFEST, 'utf8')): Doc[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Doc);
}

/** Problems the Kubernetes API schema finds in one object ([] when valid). */
function kubernetesErrors(doc: Doc): string[] {
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) return [`no schema for ${doc.apiVersion} ${doc.kind}`];
  try {
    new Model(doc as never).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

function podSpec(job: Doc): PodSpec {
  return (job.spec as { template: { spec: PodSpec } }).template.spec;
}

/** A container's args with Kubernetes' $(VAR) expansion from its env and the ConfigMap. */
function expandedArgs(container: Container, config: Record<string, string>): string[] {
  const value = (name: string) => container.env?.find((e) => e.name === name)?.value ?? config[name] ?? `<${name}>`;
  return (container.args ?? []).map((a) => a.replace(/\$\(([A-Z_]+)\)/g, (_, name: string) => value(name)));
}

describe('deploy/kubernetes/org-audit.yaml', () => {
  it('validates against the Kubernetes API schema', () => {
    const docs = manifest();
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'ConfigMap/hush-org-audit',
      'PersistentVolumeClaim/hush-org-results',
      'Job/hush-org-inventory',
      'Job/hush-org-shards',
      'Job/hush-org-merge',
    ]);
    for (const doc of docs) expect(kubernetesErrors(doc), doc.metadata.name).toEqual([]);
  });

  it('the validation is real: a wrong type or a misspelt enum is refused', () => {
    const text = readFileSync(MANIFEST, 'utf8');
    const shards = (t: string) => manifest(t).find((d) => d.metadata.name === 'hush-org-shards')!;
    expect(kubernetesErrors(shards(text.replace('completions: 16', 'completions: sixteen')))).not.toEqual([]);
    expect(kubernetesErrors(shards(text.replace('parallelism: 8', 'parallelism: [8]')))).not.toEqual([]);
    const pvc = manifest(text.replace('accessModes: [ReadWriteMany]', 'accessModes: ReadWriteMany')).find((d) => d.kind === 'PersistentVolumeClaim')!;
    expect(kubernetesErrors(pvc)).not.toEqual([]);
  });

  it('is an Indexed Job whose shard count matches its completions, on one results volume, with command lines hush accepts', async () => {
    const docs = manifest();
    const config = docs.find((d) => d.kind === 'ConfigMap')!.data!;
    const pvc = docs.find((d) => d.kind === 'PersistentVolumeClaim')!.metadata.name;
    const jobs = docs.filter((d) => d.kind === 'Job');
    const shards = jobs.find((j) => j.metadata.name === 'hush-org-shards')!;
    expect(shards.spec).toMatchObject({ completionMode: 'Indexed' });
    const shard = podSpec(shards).containers[0];
    expect(Number(shard.env!.find((e) => e.name === 'HUSH_ORG_SHARDS')!.value)).toBe(shards.spec!.completions);
    expect(shard.env!.find((e) => e.name === 'HUSH_ORG_KEY')!.valueFrom!.secretKeyRef).toEqual({ name: 'hush-org-audit', key: 'HUSH_ORG_KEY' });
    for (const job of jobs) {
      const spec = podSpec(job);
      expect(spec.volumes.find((v) => v.name === 'results')!.persistentVolumeClaim!.claimName, job.metadata.name).toBe(pvc);
      for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) expect(container.image).toMatch(/\/hush:/);
    }
    // The hush command lines (args to the image's `hush` entrypoint) parse as the CLI parses them.
    const inventory = podSpec(jobs.find((j) => j.metadata.name === 'hush-org-inventory')!).containers[0];
    for (const [container, name] of [
      [inventory, 'org inventory'],
      [shard, 'org run'],
    ] as const) {
      const parsed = await parseCommandLine(expandedArgs(container, config), 100);
      expect(parsed.kind === 'command' && parsed.command.name, container.name).toBe(name);
    }
    const merge = podSpec(jobs.find((j) => j.metadata.name === 'hush-org-merge')!).containers[0];
    const script = merge.command!.join(' ');
    expect(script).toContain('hush org merge /results/out --format "$format" -o "$out"');
    for (const format of ['json', 'html']) {
      const parsed = await parseCommandLine(['org', 'merge', '/results/out', '--format', format, '-o', `/results/report/org-report.${format}`], 100);
      expect(parsed.kind).toBe('command');
    }
  });
});

describe('.github/workflows/org-audit.yml', () => {
  const content = readFileSync(WORKFLOW, 'utf8');

  async function workflowErrors(text: string): Promise<string[]> {
    const parsed = parseWorkflow({ name: 'org-audit.yml', content: text }, new NoOperationTraceWriter());
    const errors = parsed.context.errors.getErrors().map((e) => e.message);
    if (errors.length || !parsed.value) return errors.length ? errors : ['no workflow'];
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    return [...(template.errors ?? []).map((e) => e.Message), ...parsed.context.errors.getErrors().map((e) => e.message)];
  }

  it("validates against GitHub's workflow schema", async () => {
    expect(await workflowErrors(content)).toEqual([]);
  });

  it('the validation is real: an unknown key or a bad matrix is refused', async () => {
    expect(
      await workflowErrors(
        content.replace('runs-on: ubuntu-latest\n    timeout-minutes: 30', 'runs-on: ubuntu-latest\n    timeout-minutes: 30\n    run-on: ubuntu-latest'),
      ),
    ).not.toEqual([]);
    expect(await workflowErrors(content.replace('fail-fast: false', 'fail-fast: sometimes'))).not.toEqual([]);
  });

  it('is a reusable workflow: inventory, a matrix of at most 256 shards, merge; inputs reach scripts only through env', () => {
    const workflow = parseYaml(content) as {
      on: { workflow_call: { inputs: Record<string, unknown>; secrets: Record<string, unknown> } };
      jobs: Record<
        string,
        { needs?: string | string[]; strategy?: { matrix: { shard: string } }; steps: Array<{ run?: string; env?: Record<string, string>; uses?: string }> }
      >;
    };
    expect(Object.keys(workflow.on)).toEqual(['workflow_call']);
    expect(Object.keys(workflow.on.workflow_call.secrets).sort()).toEqual(['org-key', 'token']);
    expect(Object.keys(workflow.jobs)).toEqual(['inventory', 'shard', 'merge']);
    expect(workflow.jobs.shard.needs).toBe('inventory');
    expect(workflow.jobs.merge.needs).toEqual(['inventory', 'shard']);
    expect(workflow.jobs.shard.strategy!.matrix.shard).toBe('${{ fromJSON(needs.inventory.outputs.matrix) }}');
    const plan = workflow.jobs.inventory.steps.find((s) => s.run?.includes('shards=$WANTED'))!.run!;
    expect(plan).toContain('if [ "$shards" -gt 256 ]; then shards=256; fi');
    // Script injection: no expression is spliced into a shell script.
    for (const job of Object.values(workflow.jobs)) for (const step of job.steps) expect(step.run ?? '').not.toContain('${{');
    const shardStep = workflow.jobs.shard.steps.find((s) => s.run?.includes('hush org run'))!;
    expect(shardStep.env).toMatchObject({
      HUSH_ORG_SHARD: '${{ matrix.shard }}',
      HUSH_ORG_SHARDS: '${{ needs.inventory.outputs.shards }}',
      HUSH_ORG_KEY: '${{ secrets.org-key }}',
    });
    expect(workflow.jobs.merge.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });

  it('plans the matrix as the workflow says: never more than 256 shards or than repositories', () => {
    const plan = (parseYaml(content) as { jobs: { inventory: { steps: Array<{ run?: string }> } } }).jobs.inventory.steps.find((s) =>
      s.run?.includes('shards=$WANTED'),
    )!.run!;
    const cases: Array<[number, number, number]> = [
      [16, 10000, 16],
      [1000, 10000, 256],
      [16, 3, 3],
      [16, 0, 1],
    ];
    for (const [wanted, repos, expected] of cases) {
      // The step's own script, run by bash beside a stand-in inventory, writing a stand-in outputs file.
      const dir = temp.dir();
      writeFileSync(join(dir, 'repos.jsonl'), '{"name":"a"}\n'.repeat(repos));
      execFileSync('bash', ['-c', plan], { cwd: dir, env: { ...process.env, GITHUB_OUTPUT: 'out', GITHUB_STEP_SUMMARY: 'summary', WANTED: String(wanted) } });
      const out = readFileSync(join(dir, 'out'), 'utf8');
      expect(out, `${wanted} of ${repos}`).toContain(`shards=${expected}\n`);
      expect(out).toContain(`matrix=[${Array.from({ length: expected }, (_, i) => i).join(',')}]`);
    }
  });
});

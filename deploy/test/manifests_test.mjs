// Checks deploy/k8s offline: every overlay (and every component, rendered on
// the base) renders with `kubectl kustomize`; every object validates against
// the Kubernetes schemas (kubernetes-models; the Prometheus operator's for
// ServiceMonitor); and the project's policy holds for every workload:
//   - each container has requests and limits for CPU and memory, and the
//     hardened securityContext (non-root, read-only root, no privilege
//     escalation, all capabilities dropped, seccomp RuntimeDefault);
//   - each long-running container has readiness and liveness probes (gRPC
//     on the health service for unionhub's own);
//   - no secret is literal: no Secret object, no credentials in a URL, no key
//     in a ConfigMap or env value;
//   - graceful shutdown fits: preStop + --shutdown_grace_seconds <
//     terminationGracePeriodSeconds;
//   - each flag a container passes is one its binary lists in --helpfull, and
//     each environment variable one it lists in --print_environment;
//   - each unionhub Deployment has its ServiceAccount, a Service with a port
//     named grpc, and Prometheus annotations.
// The policy is also run on broken copies, each of which it must refuse.
//   BUILD_DIR=build node deploy/test/manifests_test.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const k8s = join(here, '..', 'k8s');
const build = process.env.BUILD_DIR;
if (!build) throw new Error('set BUILD_DIR to the build directory');

const binaries = {
  gateway: 'gateway/gateway',
  membership: 'services/membership/membership',
  welfare: 'services/welfare/welfare',
  democracy: 'services/democracy/democracy',
  reporting: 'services/reporting/reporting',
  'welfare-demo': 'services/welfare/welfare-demo',
  'democracy-demo': 'services/democracy/democracy-demo',
};
const services = ['gateway', 'membership', 'welfare', 'democracy', 'reporting'];

function render(dir) {
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(text).map((d) => d.toJS());
}

// Every component on the base, so that each is rendered and checked once.
function renderAllComponents() {
  const dir = mkdtempSync(join(tmpdir(), 'unionhub-k8s-'));
  try {
    const components = ['network-policies', 'mariadb', 'autoscaling',
      'service-monitor', 'ingress'];
    writeFileSync(join(dir, 'kustomization.yaml'), [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `resources: [${relative(dir, join(k8s, 'base'))}]`,
      'components:',
      ...components.map((c) => `  - ${relative(dir, join(k8s, 'components', c))}`),
      '',
    ].join('\n'));
    return render(dir);
  } finally {
    rmSync(dir, { recursive: true });
  }
}

async function modelFor(object) {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/') : ['', object.apiVersion];
  const module = group === 'monitoring.coreos.com'
    ? `@kubernetes-models/prometheus-operator/${group}/${version}`
    : `kubernetes-models/${group ? group + '/' : ''}${version}`;
  const models = await import(module);
  const model = models[object.kind];
  if (!model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  return model;
}

async function validate(objects, where) {
  const problems = [];
  for (const object of objects) {
    try {
      const Model = await modelFor(object);
      new Model(object).validate();
    } catch (e) {
      problems.push(`${where}: ${object.kind}/${object.metadata?.name}: ${e.message}`);
    }
  }
  return problems;
}

// What a binary accepts, asked once.
const accepted = new Map();
function acceptedBy(binary) {
  if (!accepted.has(binary)) {
    const path = join(build, binaries[binary]);
    // absl's --helpfull exits with 1.
    const help = spawnSync(path, ['--helpfull'], { encoding: 'utf8' }).stdout;
    if (!help) throw new Error(`${path} --helpfull printed nothing`);
    const flags = new Set([...help.matchAll(/^\s+--([a-z0-9_]+) /gm)].map((m) => m[1]));
    let environment = null;  // Only the services list theirs.
    if (services.includes(binary)) {
      environment = new Set(execFileSync(path, ['--print_environment'],
        { encoding: 'utf8' }).split('\n').filter(Boolean));
    }
    accepted.set(binary, { flags, environment });
  }
  return accepted.get(binary);
}

const looksSecret = [
  [/[a-z]+:\/\/[^/\s:@]+:[^@\s]+@/, 'a URL with a password'],
  [/^uhk_[0-9a-f]{16}_/, 'an API key'],
  [/^[A-Za-z0-9+/]{43}=$/, 'a 32-byte base64 key'],
];

function workloads(objects) {
  return objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind));
}

export function policy(objects, where) {
  const problems = [];
  const fail = (what, why) => problems.push(`${where}: ${what}: ${why}`);
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const configMaps = new Map(byKind('ConfigMap').map((c) => [c.metadata.name, c]));

  for (const secret of byKind('Secret'))
    fail(`Secret/${secret.metadata.name}`, 'secrets are made with make-secrets.sh, never kept in a manifest');
  for (const cm of byKind('ConfigMap')) {
    for (const [key, value] of Object.entries(cm.data ?? {})) {
      for (const [pattern, what] of looksSecret)
        if (pattern.test(String(value))) fail(`ConfigMap/${cm.metadata.name} ${key}`, `holds ${what}`);
    }
  }

  for (const w of workloads(objects)) {
    const name = `${w.kind}/${w.metadata.name}`;
    const pod = w.spec.template.spec;
    const podSecurity = pod.securityContext ?? {};
    const ownService = services.includes(w.metadata.name);
    const all = [...(pod.initContainers ?? []).map((c) => [c, true]),
      ...pod.containers.map((c) => [c, false])];
    for (const [c, init] of all) {
      const what = `${name} container ${c.name}`;
      const r = c.resources ?? {};
      for (const kind of ['requests', 'limits'])
        for (const resource of ['cpu', 'memory'])
          if (!r[kind]?.[resource]) fail(what, `no ${resource} ${kind}`);
      const s = c.securityContext ?? {};
      if (!(s.runAsNonRoot ?? podSecurity.runAsNonRoot)) fail(what, 'may run as root');
      if (s.readOnlyRootFilesystem !== true) fail(what, 'root file system not read-only');
      if (s.allowPrivilegeEscalation !== false) fail(what, 'privilege escalation allowed');
      if (!(s.capabilities?.drop ?? []).includes('ALL')) fail(what, 'capabilities not all dropped');
      if ((s.seccompProfile ?? podSecurity.seccompProfile)?.type !== 'RuntimeDefault')
        fail(what, 'seccomp profile is not RuntimeDefault');
      if (!init) {
        if (!c.readinessProbe) fail(what, 'no readiness probe');
        if (!c.livenessProbe) fail(what, 'no liveness probe');
        if (ownService && !(c.readinessProbe?.grpc && c.livenessProbe?.grpc))
          fail(what, 'probes are not gRPC health checks');
      }

      // Literal secrets in the environment.
      for (const e of c.env ?? []) {
        if (e.value === undefined) continue;
        for (const [pattern, why] of looksSecret)
          if (pattern.test(e.value)) fail(`${what} env ${e.name}`, `holds ${why}`);
      }

      // Flags and variables the binary accepts.
      const binary = basename(c.command?.[0] ?? '');
      if (!(binary in binaries)) {
        if (ownService) fail(what, `runs ${c.command?.[0]}, not a unionhub binary`);
        continue;
      }
      const { flags, environment } = acceptedBy(binary);
      for (const arg of [...(c.command ?? []).slice(1), ...(c.args ?? [])]) {
        const m = /^--(no)?([a-z0-9_]+)(=|$)/.exec(arg);
        if (!m) { fail(what, `argument ${arg} is not a --flag`); continue; }
        if (!flags.has(m[2]) && !(m[1] && flags.has(m[2])))
          fail(what, `${binary} has no flag --${m[2]}`);
      }
      const names = (c.env ?? []).map((e) => e.name);
      for (const from of c.envFrom ?? []) {
        const cm = configMaps.get(from.configMapRef?.name);
        if (!cm) { fail(what, `envFrom ${JSON.stringify(from)}: no such ConfigMap`); continue; }
        names.push(...Object.keys(cm.data ?? {}));
      }
      for (const variable of names) {
        if (!environment) fail(what, `${binary} reads no environment, given ${variable}`);
        else if (!environment.has(variable)) fail(what, `${binary} does not read ${variable}`);
      }

      // The drain fits in the grace period.
      if (ownService && !init) {
        const sleep = c.lifecycle?.preStop?.exec?.command;
        const preStop = sleep?.[0]?.endsWith('sleep') ? Number(sleep[1]) : 0;
        if (!preStop) fail(what, 'no preStop delay before SIGTERM');
        const graceArg = (c.args ?? []).find((a) => a.startsWith('--shutdown_grace_seconds='));
        const drain = graceArg ? Number(graceArg.split('=')[1]) : 10;
        const period = pod.terminationGracePeriodSeconds ?? 30;
        if (preStop + drain >= period)
          fail(what, `preStop ${preStop} s + drain ${drain} s do not fit in terminationGracePeriodSeconds ${period}`);
      }
    }
    if (ownService) {
      const svc = byKind('Service').find((s) => s.metadata.name === w.metadata.name);
      if (!svc?.spec.ports.some((p) => p.name === 'grpc')) fail(name, 'no Service with a port named grpc');
      if (!byKind('ServiceAccount').some((a) => a.metadata.name === pod.serviceAccountName))
        fail(name, 'no ServiceAccount of its own');
      if (pod.automountServiceAccountToken !== false) fail(name, 'mounts an API token it never uses');
      const a = w.spec.template.metadata.annotations ?? {};
      if (a['prometheus.io/scrape'] !== 'true' || !a['prometheus.io/port'])
        fail(name, 'no Prometheus scrape annotations');
    }
  }
  return problems;
}

// Each breakage must be caught, or the policy proves nothing.
function policyCatchesBreakage(objects) {
  const problems = [];
  const breakages = {
    'a writable root file system': (c) => { c.securityContext.readOnlyRootFilesystem = false; },
    'no memory limit': (c) => { delete c.resources.limits.memory; },
    'no liveness probe': (c) => { delete c.livenessProbe; },
    'a flag the binary lacks': (c) => { c.args = [...(c.args ?? []), '--no_such_flag=1']; },
    'a variable the binary does not read': (c) => { c.env = [...(c.env ?? []), { name: 'UNIONHUB_NO_SUCH', value: 'x' }]; },
    'a literal database password': (c) => { c.env = [...(c.env ?? []), { name: 'UNIONHUB_DATABASE_URL', value: 'mysql://u:secret@db:3306/x' }]; },
    'a drain longer than the grace period': (c) => { c.args = ['--shutdown_grace_seconds=60']; },
  };
  for (const [what, breakIt] of Object.entries(breakages)) {
    const copy = structuredClone(objects);
    const membership = copy.find((o) => o.kind === 'Deployment' && o.metadata.name === 'membership');
    breakIt(membership.spec.template.spec.containers[0]);
    if (policy(copy, 'broken').length === 0) problems.push(`the policy misses ${what}`);
  }
  return problems;
}

const rendered = {
  'overlays/dev': render(join(k8s, 'overlays', 'dev')),
  'overlays/production': render(join(k8s, 'overlays', 'production')),
  'base with every component': renderAllComponents(),
};
let problems = [];
for (const [where, objects] of Object.entries(rendered)) {
  const kinds = {};
  for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
  console.log(`${where}: ${objects.length} objects`, JSON.stringify(kinds));
  problems.push(...await validate(objects, where), ...policy(objects, where));
}
problems.push(...policyCatchesBreakage(rendered['overlays/dev']));
// The production overlay's promises.
const production = rendered['overlays/production'];
for (const name of services) {
  const d = production.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
  if (!(d.spec.replicas >= 2)) problems.push(`production: ${name} has fewer than 2 replicas`);
  if (!d.spec.template.spec.topologySpreadConstraints?.some((t) => t.topologyKey === 'kubernetes.io/hostname'))
    problems.push(`production: ${name} is not spread across nodes`);
  for (const kind of ['HorizontalPodAutoscaler', 'PodDisruptionBudget'])
    if (!production.some((o) => o.kind === kind && o.metadata.name === name))
      problems.push(`production: no ${kind} for ${name}`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('manifests: rendered, valid, and within policy');

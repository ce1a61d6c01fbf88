// Turns the rendered dev overlay into what `podman kube play` (podman 4.3,
// Debian 12) runs, changing only what podman lacks or gets wrong:
//   - podman has no Services or controllers: each Deployment becomes a Pod
//     of the Deployment's name, which podman's network DNS answers for, as
//     the cluster DNS answers for the Service of that name; Services and
//     ServiceAccounts are left out;
//   - podman 4.3 mounts Secret volumes base64-encoded (and crashes when
//     `optional` is unset, containers/podman#16636): each Secret volume
//     becomes a host directory holding the same items, decoded;
//   - podman 4.3 publishes every containerPort on the host: only the
//     gateway's are kept, on the host's loopback (hostPort), as `kubectl
//     port-forward` would publish them;
//   - podman 4.3 makes an emptyDir a named volume of the volume's name, so
//     pods would share their /tmp: each gets its pod's name in front;
//   - pods start in the order their callers need (membership first), since
//     podman runs each pod's init containers before starting the next pod;
//     the init containers are kept once run ("always" type): podman 4.3
//     fails removing a "once" one that has just exited (the demo loaders
//     then run again when kube play starts the pods a last time; loading
//     again changes nothing).
// Everything else (images, commands, arguments, ConfigMaps, PVCs, probes,
// security contexts, resources) goes to podman as rendered.
//   node podman_play.mjs RENDERED.yaml SECRETS.yaml OUT_DIR GRPC_PORT HTTP_PORT
// writes OUT_DIR/play.yaml and OUT_DIR/secrets/.
import { readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

const [rendered, secretsFile, out, grpcPort, httpPort] = process.argv.slice(2);
const load = (f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS());
const objects = load(rendered);
const secrets = new Map(load(secretsFile).map((s) => [s.metadata.name, s]));
const order = ['membership', 'welfare', 'democracy', 'reporting', 'gateway'];

const kept = objects.filter((o) => ['ConfigMap', 'PersistentVolumeClaim'].includes(o.kind));
const pods = objects.filter((o) => o.kind === 'Deployment')
  .sort((a, b) => order.indexOf(a.metadata.name) - order.indexOf(b.metadata.name))
  .map((d) => {
    const spec = structuredClone(d.spec.template.spec);
    for (const volume of spec.volumes ?? []) {
      if (volume.emptyDir) {
        const unique = `${d.metadata.name}-${volume.name}`;
        for (const c of [...spec.containers, ...(spec.initContainers ?? [])])
          for (const m of c.volumeMounts ?? []) if (m.name === volume.name) m.name = unique;
        volume.name = unique;
      }
      if (!volume.secret) continue;
      const secret = secrets.get(volume.secret.secretName);
      if (!secret) throw new Error(`no Secret ${volume.secret.secretName}`);
      const dir = join(out, 'secrets', d.metadata.name, volume.name);
      mkdirSync(dir, { recursive: true });
      const items = volume.secret.items ??
        Object.keys(secret.data).map((key) => ({ key, path: key }));
      for (const { key, path } of items) {
        const file = join(dir, path);
        writeFileSync(file, Buffer.from(secret.data[key], 'base64'));
        chmodSync(file, 0o444);
      }
      delete volume.secret;
      volume.hostPath = { path: dir, type: 'Directory' };
    }
    for (const container of spec.containers) {
      if (d.metadata.name !== 'gateway') {
        delete container.ports;
        continue;
      }
      for (const port of container.ports) {
        port.hostIP = '127.0.0.1';
        port.hostPort = Number(port.name === 'grpc' ? grpcPort : httpPort);
      }
    }
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: d.metadata.name,
        labels: d.spec.template.metadata.labels,
        annotations: { 'io.podman.annotations.init.container.type': 'always' },
      },
      spec,
    };
  });
if (pods.length !== order.length) throw new Error(`expected ${order.length} Deployments`);
writeFileSync(join(out, 'play.yaml'),
  [...kept, ...pods].map((o) => stringify(o)).join('---\n'));

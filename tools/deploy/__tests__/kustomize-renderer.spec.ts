// The renderer against small kustomizations written to a temporary directory: what it
// supports renders as kustomize would, and everything else fails loudly.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KustomizeError, renderKustomization } from '../kustomize-renderer';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'parley-kustomize-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.local:5000/parley/web:1.0
`;

const SERVICE = `
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

function renderError(dir = root): string {
  try {
    renderKustomization(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(KustomizeError);
    return (error as Error).message;
  }
  throw new Error('expected the render to fail');
}

describe('renderKustomization', () => {
  it('renders nested directories, then applies namespace, labels, patches, replicas and images', () => {
    write({
      'app/kustomization.yaml': 'resources: [deployment.yaml, service.yaml]\n',
      'app/deployment.yaml': DEPLOYMENT,
      'app/service.yaml': SERVICE,
      'namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
      'kustomization.yaml': `
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop
labels:
  - pairs: {team: checkout}
    includeTemplates: true
resources: [namespace.yaml, app]
patches:
  - target: {kind: Service, name: web}
    patch: |
      - op: add
        path: /metadata/annotations
        value: {note: kept}
      - op: add
        path: /metadata/annotations/example.com~1owner
        value: checkout
      - op: replace
        path: /spec/ports/0/port
        value: 8080
replicas:
  - {name: web, count: 3}
images:
  - {name: registry.local:5000/parley/web, newName: parley/web, newTag: "2.0"}
`,
    });

    const [namespace, deployment, service] = renderKustomization(root) as any[];

    expect(namespace).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'checkout' } } });
    expect(deployment.metadata).toEqual({ name: 'web', namespace: 'shop', labels: { app: 'web', team: 'checkout' } });
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'web', team: 'checkout' });
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].image).toBe('parley/web:2.0');
    expect(service.metadata.annotations).toEqual({ note: 'kept', 'example.com/owner': 'checkout' });
    expect(service.spec.ports).toEqual([{ port: 8080 }]);
    expect(service.spec.selector).toEqual({ app: 'web' });
  });

  it('labels StatefulSet volume claim templates with includeTemplates, as kustomize does', () => {
    write({
      'kustomization.yaml': 'labels: [{pairs: {team: data}, includeTemplates: true}]\nresources: [db.yaml]\n',
      'db.yaml': `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres:16}]}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`,
    });
    const [statefulSet] = renderKustomization(root) as any[];
    expect(statefulSet.spec.volumeClaimTemplates[0].metadata.labels).toEqual({ team: 'data' });
    expect(statefulSet.spec.selector.matchLabels).toEqual({ app: 'db' });
  });

  it('keeps the tag when an images entry changes only the name', () => {
    write({
      'kustomization.yaml': 'resources: [deployment.yaml]\nimages: [{name: registry.local:5000/parley/web, newName: mirror.local/web}]\n',
      'deployment.yaml': DEPLOYMENT,
    });
    const [deployment] = renderKustomization(root) as any[];
    expect(deployment.spec.template.spec.containers[0].image).toBe('mirror.local/web:1.0');
  });

  const service = (kustomization: string) => ({ 'kustomization.yaml': `resources: [s.yaml]\n${kustomization}`, 's.yaml': SERVICE });
  const patch = (target: string, operations: string) => `patches: [{target: ${target}, patch: "${operations}"}]\n`;

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a kustomization field it does not implement',
      service('configMapGenerator: [{name: c, literals: [A=1]}]\n'),
      /unsupported kustomization field\(s\): configMapGenerator/,
    ],
    ['commonLabels, which would rewrite selectors', service('commonLabels: {a: b}\n'), /unsupported kustomization field\(s\): commonLabels/],
    ['labels.includeSelectors', service('labels: [{pairs: {a: b}, includeSelectors: true}]\n'), /includeSelectors is not supported/],
    [
      'a strategic-merge patch',
      service(patch('{kind: Service, name: web}', 'spec: {type: NodePort}')),
      /strategic-merge patches are not supported/,
    ],
    ['a patch that matches nothing', service(patch('{kind: Service, name: api}', '[{op: remove, path: /spec}]')), /matches no resource/],
    [
      'a patch path that does not exist',
      service(patch('{kind: Service, name: web}', '[{op: replace, path: /spec/type, value: NodePort}]')),
      /path \/spec\/type does not exist/,
    ],
    ['a regular-expression patch target', service(patch('{kind: Service, name: "w.*"}', '[{op: remove, path: /spec}]')), /literal names/],
    ['an images entry that matches no container', service('images: [{name: parley/api, newTag: "1"}]\n'), /matches no container/],
    ['a replicas entry that matches no workload', service('replicas: [{name: web, count: 1}]\n'), /matches no workload/],
    ['a remote resource', { 'kustomization.yaml': 'resources: ["https://github.com/example/repo//deploy?ref=v1"]\n' }, /remote resource/],
    ['a missing resource', { 'kustomization.yaml': 'resources: [missing.yaml]\n' }, /does not exist/],
    [
      'the same object twice, as a copied but not renamed service would be',
      {
        'kustomization.yaml': 'resources: [a, b]\n',
        'a/kustomization.yaml': 'resources: [s.yaml]\n',
        'a/s.yaml': SERVICE,
        'b/kustomization.yaml': 'resources: [s.yaml]\n',
        'b/s.yaml': SERVICE,
      },
      /already registered id: \/Service\/\/web/,
    ],
    ['invalid YAML', { 'kustomization.yaml': 'resources: [s.yaml]\n', 's.yaml': 'kind: Service\n  bad: indentation: here\n' }, /invalid YAML/],
    ['a Kustomize component', { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n' }, /apiVersion must be/],
  ])('fails loudly on %s', (_case, files, message) => {
    write(files);
    expect(renderError()).toMatch(message);
  });

  it('refuses a file outside the kustomization root, as kustomize does', () => {
    write({ 'service.yaml': SERVICE, 'overlay/kustomization.yaml': 'resources: [../service.yaml]\n' });
    expect(renderError(join(root, 'overlay'))).toMatch(/outside the kustomization root/);
  });

  it('refuses a cycle of directories', () => {
    write({ 'a/kustomization.yaml': 'resources: [../b]\n', 'b/kustomization.yaml': 'resources: [../a]\n' });
    expect(renderError(join(root, 'a'))).toMatch(/cycle in resources/);
  });
});

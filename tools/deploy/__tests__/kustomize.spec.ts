// Renders every kustomization under k8s/ and checks what a cluster would accept and what an
// operator relies on, with no cluster, no kustomize binary and no network.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findKustomizationFile, parseYamlDocuments, renderKustomization, type KubeObject } from '../kustomize-renderer';
import { manifestProblems, objectLabel } from '../manifest-validator';

const REPO_ROOT = join(__dirname, '../../..');
const K8S = join(REPO_ROOT, 'k8s');
const SECRET_NAME = 'parley-secrets';
const TEMPLATE_DIR = join(K8S, 'templates/service');
const TEMPLATE_NAME = 'service-template';

// Rendered manifests are untyped JSON.
type Manifest = KubeObject & Record<string, any>;

function kustomizationDirs(dir: string): string[] {
  const here = findKustomizationFile(dir) ? [dir] : [];
  const children = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => kustomizationDirs(join(dir, entry.name)));
  return [...here, ...children];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

function workloads(objects: Manifest[]): Manifest[] {
  return objects.filter((object) => WORKLOAD_KINDS.has(object.kind));
}

function containersOf(workload: Manifest): any[] {
  return [...(workload.spec?.template?.spec?.containers ?? []), ...(workload.spec?.template?.spec?.initContainers ?? [])];
}

function find(objects: Manifest[], kind: string, name: string): Manifest | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}

function serviceDirs(): string[] {
  return readdirSync(join(K8S, 'services'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

const DIRS = kustomizationDirs(K8S);
const RENDERED = new Map(DIRS.map((dir) => [relative(REPO_ROOT, dir), renderKustomization(dir) as Manifest[]]));
const BASE = RENDERED.get('k8s/base') as Manifest[];

const VALID_DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'example' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'example' } },
    template: {
      metadata: { labels: { app: 'example' } },
      spec: { containers: [{ name: 'example', image: 'example:1', readinessProbe: { httpGet: { path: '/ready', port: 8080 } } }] },
    },
  },
};

function deploymentWith(change: (deployment: any) => void): Manifest {
  const deployment = structuredClone(VALID_DEPLOYMENT) as any;
  change(deployment);
  return deployment;
}

describe('the manifest validator', () => {
  it('accepts a valid Deployment', () => {
    expect(manifestProblems([deploymentWith(() => undefined)])).toEqual([]);
  });

  it('rejects a Deployment without spec.selector', () => {
    const problems = manifestProblems([deploymentWith((deployment) => delete deployment.spec.selector)]);
    expect(problems.join('\n')).toMatch(/Deployment\/example: .*must have required property selector/);
  });

  it('rejects a string where the schema wants a number', () => {
    const problems = manifestProblems([deploymentWith((deployment) => (deployment.spec.replicas = '2'))]);
    expect(problems.join('\n')).toMatch(/spec\/replicas must be integer/);
  });

  it('rejects a field the Kubernetes API does not define, as kubectl --validate=strict does', () => {
    const problems = manifestProblems([
      deploymentWith((deployment) => {
        const [container] = deployment.spec.template.spec.containers;
        container.readinesProbe = container.readinessProbe;
        delete container.readinessProbe;
      }),
    ]);
    expect(problems.join('\n')).toMatch(/'"readinesProbe"' does not exist in type 'IContainer'/);
  });

  it('rejects a kind it has no schema for', () => {
    const problems = manifestProblems([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }]);
    expect(problems).toEqual(['Widget/w: no Kubernetes schema for example.com/v1 Widget']);
  });

  it('reads ConfigMap values as kubectl does: an unquoted yes is a boolean, not a string', () => {
    const [configMap] = parseYamlDocuments('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  FLAG: yes\n', 'inline') as Manifest[];
    expect(manifestProblems([configMap as Manifest]).join('\n')).toMatch(/data\/FLAG must be string/);
  });
});

describe('k8s/', () => {
  it('has the kustomizations this test is meant to cover', () => {
    expect([...RENDERED.keys()]).toEqual(
      expect.arrayContaining([
        'k8s/base',
        'k8s/infra/nats',
        'k8s/infra/postgres',
        'k8s/services/gateway',
        'k8s/services/identity',
        'k8s/templates/service',
        'k8s/overlays/dev',
      ]),
    );
  });

  describe.each([...RENDERED.keys()])('%s', (dir) => {
    const objects = RENDERED.get(dir) as Manifest[];

    it('renders to objects that the Kubernetes schemas accept', () => {
      expect(objects.length).toBeGreaterThan(0);
      expect(manifestProblems(objects)).toEqual([]);
    });

    it('gives every container liveness and readiness probes, requests and a memory limit', () => {
      const missing = workloads(objects).flatMap((workload) =>
        containersOf(workload).flatMap((container) =>
          [
            !container.livenessProbe && 'livenessProbe',
            !container.readinessProbe && 'readinessProbe',
            !container.resources?.requests?.cpu && 'resources.requests.cpu',
            !container.resources?.requests?.memory && 'resources.requests.memory',
            !container.resources?.limits?.memory && 'resources.limits.memory',
          ]
            .filter(Boolean)
            .map((field) => `${objectLabel(workload)} container ${container.name}: no ${field}`),
        ),
      );
      expect(missing).toEqual([]);
    });

    it('runs every container as non-root, unprivileged, on a read-only root filesystem', () => {
      const problems = workloads(objects).flatMap((workload) => {
        const pod = workload.spec.template.spec;
        return containersOf(workload).flatMap((container) => {
          const context = container.securityContext ?? {};
          return [
            (context.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true && 'runAsNonRoot',
            (context.runAsUser ?? pod.securityContext?.runAsUser ?? 0) === 0 && 'a non-zero runAsUser',
            context.readOnlyRootFilesystem !== true && 'readOnlyRootFilesystem',
            context.allowPrivilegeEscalation !== false && 'allowPrivilegeEscalation: false',
          ]
            .filter(Boolean)
            .map((field) => `${objectLabel(workload)} container ${container.name}: needs ${field}`);
        });
      });
      expect(problems).toEqual([]);
    });

    it('commits no Secret', () => {
      expect(objects.filter((object) => object.kind === 'Secret').map(objectLabel)).toEqual([]);
    });
  });

  it('holds no Secret with data in any YAML file, rendered or not', () => {
    const secrets = yamlFiles(K8S).flatMap((file) =>
      (parseYamlDocuments(readFileSync(file, 'utf8'), file) as Manifest[])
        .filter((document) => document.kind === 'Secret' && (document['data'] || document['stringData']))
        .map(() => relative(REPO_ROOT, file)),
    );
    expect(secrets).toEqual([]);
  });
});

describe('k8s/base', () => {
  it('puts every namespaced object in the parley namespace', () => {
    const outside = BASE.filter((object) => object.kind !== 'Namespace' && object.metadata.namespace !== 'parley');
    expect(outside.map(objectLabel)).toEqual([]);
    expect(find(BASE, 'Namespace', 'parley')).toBeDefined();
  });

  it('labels every object and every pod as part of parley', () => {
    const unlabelled = [
      ...BASE.filter((object) => object.metadata.labels?.['app.kubernetes.io/part-of'] !== 'parley').map(objectLabel),
      ...workloads(BASE)
        .filter((workload) => workload.spec.template.metadata.labels['app.kubernetes.io/part-of'] !== 'parley')
        .map((workload) => `${objectLabel(workload)} pods`),
    ];
    expect(unlabelled).toEqual([]);
  });

  it('deploys every folder of k8s/services', () => {
    const kustomization = parseYamlDocuments(readFileSync(join(K8S, 'base/kustomization.yaml'), 'utf8'), 'base')[0] as { resources: string[] };
    const listed = kustomization.resources.filter((entry) => entry.startsWith('../services/')).map((entry) => entry.slice('../services/'.length));
    expect(listed.sort()).toEqual(serviceDirs());
  });

  it('runs at least two pods of every service', () => {
    const autoscaled = new Set(
      BASE.filter((object) => object.kind === 'HorizontalPodAutoscaler' && object['spec'].minReplicas >= 2).map(
        (hpa) => `${hpa['spec'].scaleTargetRef.kind}/${hpa['spec'].scaleTargetRef.name}`,
      ),
    );
    const single = BASE.filter((object) => object.kind === 'Deployment')
      .filter((deployment) => !autoscaled.has(objectLabel(deployment)) && !(deployment['spec'].replicas >= 2))
      .map(objectLabel);
    expect(single).toEqual([]);
  });

  it('leaves the replica count of an autoscaled Deployment to its HorizontalPodAutoscaler', () => {
    const hpas = BASE.filter((object) => object.kind === 'HorizontalPodAutoscaler');
    expect(hpas.length).toBeGreaterThan(0);
    for (const hpa of hpas) {
      const target = find(BASE, hpa['spec'].scaleTargetRef.kind, hpa['spec'].scaleTargetRef.name);
      expect(target).toBeDefined();
      expect(target?.['spec'].replicas).toBeUndefined();
    }
  });

  it('refers only to ConfigMaps it defines and to keys of the one documented Secret', () => {
    const readme = readFileSync(join(K8S, 'README.md'), 'utf8');
    const documentedKeys = new Set([...readme.matchAll(/--from-literal=([a-z0-9-]+)=/g)].map((match) => match[1]));
    const problems = workloads(BASE).flatMap((workload) => {
      const pod = workload.spec.template.spec;
      const configMaps = [
        ...containersOf(workload).flatMap((container) => (container.envFrom ?? []).map((source: any) => source.configMapRef?.name)),
        ...(pod.volumes ?? []).map((volume: any) => volume.configMap?.name),
      ].filter(Boolean);
      const secretRefs = containersOf(workload).flatMap((container) =>
        (container.env ?? []).map((variable: any) => variable.valueFrom?.secretKeyRef).filter(Boolean),
      );
      return [
        ...configMaps.filter((name) => !find(BASE, 'ConfigMap', name)).map((name) => `${objectLabel(workload)}: no ConfigMap ${name}`),
        ...secretRefs
          .filter((ref: any) => ref.name !== SECRET_NAME || !documentedKeys.has(ref.key))
          .map((ref: any) => `${objectLabel(workload)}: secret ${ref.name}/${ref.key} is not a key k8s/README.md tells how to create`),
      ];
    });
    expect(problems).toEqual([]);
    expect(documentedKeys.size).toBeGreaterThan(0);
  });

  it('routes every Service and the Ingress to pods and ports that exist', () => {
    const pods = workloads(BASE).map((workload) => ({
      labels: workload.spec.template.metadata.labels as Record<string, string>,
      ports: new Set(containersOf(workload).flatMap((container) => (container.ports ?? []).flatMap((port: any) => [port.name, port.containerPort]))),
    }));
    const problems = BASE.filter((object) => object.kind === 'Service').flatMap((service) => {
      const selector = Object.entries(service['spec'].selector as Record<string, string>);
      const selected = pods.filter((pod) => selector.every(([key, value]) => pod.labels[key] === value));
      if (selected.length === 0) return [`${objectLabel(service)} selects no pods`];
      return (service['spec'].ports as any[])
        .filter((port) => !selected.every((pod) => pod.ports.has(port.targetPort ?? port.port)))
        .map((port) => `${objectLabel(service)}: targetPort ${port.targetPort} is not a container port`);
    });
    for (const ingress of BASE.filter((object) => object.kind === 'Ingress')) {
      for (const rule of ingress['spec'].rules) {
        for (const path of rule.http.paths) {
          const backend = path.backend.service;
          const service = find(BASE, 'Service', backend.name);
          const port = service?.['spec'].ports.find((candidate: any) => candidate.name === backend.port.name || candidate.port === backend.port.number);
          if (!port) problems.push(`${objectLabel(ingress)}: no Service port ${backend.name}:${backend.port.name ?? backend.port.number}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('k8s/services', () => {
  const platformConfig = find(BASE, 'ConfigMap', 'parley-config')?.['data'] as Record<string, string>;
  const templateFiles = readdirSync(TEMPLATE_DIR).sort();

  describe.each([...serviceDirs(), TEMPLATE_NAME])('%s', (name) => {
    const dir = name === TEMPLATE_NAME ? TEMPLATE_DIR : join(K8S, 'services', name);
    const objects = renderKustomization(dir) as Manifest[];
    const deployment = find(objects, 'Deployment', name);
    const [container] = deployment ? containersOf(deployment) : [];

    it('follows the template: Deployment, container, image, ConfigMap and Service named after the folder', () => {
      expect(deployment).toBeDefined();
      expect(container.name).toBe(name);
      expect(container.image).toMatch(new RegExp(`^parley/${name}(:|@|$)`));
      expect(find(objects, 'ConfigMap', `${name}-config`)).toBeDefined();
      expect(find(objects, 'Service', name)).toBeDefined();
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'parley-config' } }, { configMapRef: { name: `${name}-config` } }]);
      expect(objects.every((object) => object.metadata.labels?.['app.kubernetes.io/name'] === name)).toBe(true);
    });

    if (name === 'gateway') return;

    it('has the files of k8s/templates/service, a schema of its own and /health on HEALTH_PORT', () => {
      expect(readdirSync(dir).sort()).toEqual(templateFiles);
      // An unquoted schema in search_path takes no hyphen: voice-ai owns voice_ai (the template keeps its placeholder).
      const schema = name === TEMPLATE_NAME ? name : name.replace(/-/g, '_');
      expect(find(objects, 'ConfigMap', `${name}-config`)?.['data'].DB_SCHEMA).toBe(schema);
      const healthPort = container.ports.find((port: any) => port.name === 'health')?.containerPort;
      expect(String(healthPort)).toBe(platformConfig['HEALTH_PORT']);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'health' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'health' });
    });
  });

  it('has a folder for every app that builds a container image', () => {
    const appsDir = join(REPO_ROOT, 'apps');
    const containerApps = readdirSync(appsDir).filter((app) => {
      const projectFile = join(appsDir, app, 'project.json');
      return existsSync(projectFile) && JSON.parse(readFileSync(projectFile, 'utf8')).targets?.container;
    });
    const missing = containerApps.filter((app) => !serviceDirs().includes(app));
    // Adding one: cp -r k8s/templates/service k8s/services/<app>, rename, list it in k8s/base.
    expect(missing.map((app) => `apps/${app} builds an image but has no k8s/services/${app} (see k8s/README.md)`)).toEqual([]);
  });
});

describe('docker/service.Dockerfile', () => {
  const dockerfile = readFileSync(join(REPO_ROOT, 'docker/service.Dockerfile'), 'utf8');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('is the file every container target builds', () => {
    const appsDir = join(REPO_ROOT, 'apps');
    for (const app of readdirSync(appsDir)) {
      const projectFile = join(appsDir, app, 'project.json');
      if (!existsSync(projectFile)) continue;
      const command: string | undefined = JSON.parse(readFileSync(projectFile, 'utf8')).targets?.container?.options?.command;
      if (command) expect(command).toBe(`docker build -f docker/service.Dockerfile --build-arg SERVICE=${app} -t parley/${app}:latest .`);
    }
  });

  it('runs main.js as the non-root node user (uid 1000, the runAsUser of the manifests)', () => {
    expect(finalStage).toMatch(/^USER 1000:1000$/m);
    expect(finalStage).toMatch(/^CMD \["node", "main.js"\]$/m);
    expect(finalStage).toMatch(/NODE_ENV=production/);
  });

  it('keeps node_modules, build output and secrets out of the build context', () => {
    const ignored = readFileSync(join(REPO_ROOT, 'docker/service.Dockerfile.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '**/node_modules', 'dist', '.git', '.env', '.env.*']));
  });
});

describe('the NATS configuration', () => {
  const natsServer = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((path) => existsSync(path));
  // npm test installs nats-server (tools/scripts/ensure-deps.sh); a bare jest run may lack it.
  const withNatsServer = natsServer ? it : it.skip;

  withNatsServer('is a configuration nats-server accepts', () => {
    const config = find(BASE, 'ConfigMap', 'nats-config')?.['data']['nats.conf'] as string;
    const dir = mkdtempSync(join(tmpdir(), 'parley-nats-conf-'));
    try {
      writeFileSync(join(dir, 'nats.conf'), config);
      // A bad configuration makes nats-server exit non-zero, which makes execFileSync throw.
      expect(() =>
        execFileSync(natsServer as string, ['-t', '-c', join(dir, 'nats.conf')], {
          env: { ...process.env, SERVER_NAME: 'nats-0' },
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      ).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A small kustomize renderer for Parley's k8s/ tree, so manifests can be rendered and validated
// with no kustomize binary and no cluster. It implements exactly the kustomization fields the
// tree uses, following kustomize's own semantics, and throws on anything else rather than
// silently rendering something kustomize would render differently.
//
// Supported: resources (files and directories, recursively), namespace, labels (pairs,
// includeTemplates), patches (inline JSON 6902 with a kind/name target), replicas, images.
// Deliberately stricter than kustomize: a patch, replicas or images entry that matches nothing
// is an error, because in this repo it always means a typo or a resource renamed under it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [field: string]: unknown };
  [field: string]: unknown;
}

export class KustomizeError extends Error {}

const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const KUSTOMIZATION_API_VERSION = 'kustomize.config.k8s.io/v1beta1';
const SUPPORTED_FIELDS = ['apiVersion', 'kind', 'namespace', 'labels', 'resources', 'patches', 'replicas', 'images'];

// Kinds without a namespace; kustomize leaves metadata.namespace off these.
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'IngressClass', 'PriorityClass',
  'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);
// Kinds where kustomize's namespace transformer also rewrites fields this renderer does not.
const NAMESPACE_UNSUPPORTED_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding', 'APIService', 'CustomResourceDefinition']);

// kustomize's metadataLabelsFieldSpecs: where `labels[].includeTemplates` writes besides metadata.labels.
const TEMPLATE_LABEL_PATHS: Record<string, string[][]> = {
  Deployment: [['spec', 'template', 'metadata', 'labels']],
  ReplicaSet: [['spec', 'template', 'metadata', 'labels']],
  DaemonSet: [['spec', 'template', 'metadata', 'labels']],
  ReplicationController: [['spec', 'template', 'metadata', 'labels']],
  Job: [['spec', 'template', 'metadata', 'labels']],
  StatefulSet: [['spec', 'template', 'metadata', 'labels'], ['spec', 'volumeClaimTemplates', '[]', 'metadata', 'labels']],
  CronJob: [['spec', 'jobTemplate', 'metadata', 'labels'], ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels']],
};
const REPLICATED_KINDS = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Renders the kustomization in `dir` the way `kustomize build dir` would. */
export function renderKustomization(dir: string): KubeObject[] {
  return render(resolve(dir), []);
}

/** Multi-document YAML, as `kustomize build` prints it. */
export function renderKustomizationYaml(dir: string): string {
  return renderKustomization(dir)
    .map((object) => stringify(object, { version: '1.1' }))
    .join('---\n');
}

/** Parses YAML the way kubectl does (YAML 1.1: an unquoted `yes`, `on` or `no` is a boolean). */
export function parseYamlDocuments(text: string, file: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1', uniqueKeys: true }).flatMap((document) => {
    const problem = document.errors[0];
    if (problem) throw new KustomizeError(`${file}: invalid YAML: ${problem.message}`);
    const value: unknown = document.toJS();
    return value === null || value === undefined ? [] : [value];
  });
}

export function findKustomizationFile(dir: string): string | undefined {
  return KUSTOMIZATION_FILE_NAMES.map((name) => join(dir, name)).find((file) => existsSync(file));
}

function render(dir: string, stack: string[]): KubeObject[] {
  if (stack.includes(dir)) throw new KustomizeError(`cycle in resources: ${[...stack, dir].join(' -> ')}`);
  const file = findKustomizationFile(dir);
  if (!file) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const kustomization = readKustomization(file);

  const objects: KubeObject[] = [];
  for (const entry of optionalList(kustomization, 'resources', file)) {
    if (typeof entry !== 'string') throw new KustomizeError(`${file}: resources entries must be paths`);
    for (const object of loadResource(dir, entry, file, [...stack, dir])) addUnique(objects, object, file);
  }

  // The order of kustomize's builtin transformers.
  applyPatches(objects, optionalList(kustomization, 'patches', file), file);
  if (kustomization['namespace'] !== undefined) applyNamespace(objects, requireString(kustomization['namespace'], 'namespace', file), file);
  applyLabels(objects, optionalList(kustomization, 'labels', file), file);
  applyReplicas(objects, optionalList(kustomization, 'replicas', file), file);
  applyImages(objects, optionalList(kustomization, 'images', file), file);
  return objects;
}

function readKustomization(file: string): JsonObject {
  const documents = parseYamlDocuments(readFileSync(file, 'utf8'), file);
  const [kustomization] = documents;
  if (documents.length !== 1 || !isObject(kustomization)) throw new KustomizeError(`${file}: expected one YAML mapping`);
  const unsupported = Object.keys(kustomization).filter((field) => !SUPPORTED_FIELDS.includes(field));
  if (unsupported.length > 0) {
    throw new KustomizeError(
      `${file}: unsupported kustomization field(s): ${unsupported.join(', ')} (this renderer supports ${SUPPORTED_FIELDS.join(', ')})`,
    );
  }
  if (kustomization['apiVersion'] !== undefined && kustomization['apiVersion'] !== KUSTOMIZATION_API_VERSION) {
    throw new KustomizeError(`${file}: apiVersion must be ${KUSTOMIZATION_API_VERSION}`);
  }
  if (kustomization['kind'] !== undefined && kustomization['kind'] !== 'Kustomization') {
    throw new KustomizeError(`${file}: kind must be Kustomization (components are not supported)`);
  }
  return kustomization;
}

function loadResource(dir: string, entry: string, file: string, stack: string[]): KubeObject[] {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.includes('?ref=') || entry.startsWith('github.com/')) {
    throw new KustomizeError(`${file}: remote resource ${entry} is not supported`);
  }
  const target = resolve(dir, entry);
  if (!existsSync(target)) throw new KustomizeError(`${file}: resource ${entry} does not exist`);
  if (statSync(target).isDirectory()) return render(target, stack);

  // kustomize's default load restrictor: a file must sit inside the kustomization's own root.
  const inside = relative(dir, target);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new KustomizeError(`${file}: file ${entry} is outside the kustomization root (only directories may be)`);
  }
  return parseYamlDocuments(readFileSync(target, 'utf8'), target).map((document) => asKubeObject(document, target));
}

function asKubeObject(document: unknown, file: string): KubeObject {
  if (!isObject(document)) throw new KustomizeError(`${file}: every document must be a mapping`);
  const { apiVersion, kind, metadata } = document as Record<string, unknown>;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') throw new KustomizeError(`${file}: a document lacks apiVersion or kind`);
  if (kind === 'List' || kind.endsWith('List')) throw new KustomizeError(`${file}: ${kind} documents are not supported`);
  if (!isObject(metadata) || typeof (metadata as Record<string, unknown>)['name'] !== 'string') {
    throw new KustomizeError(`${file}: ${kind} has no metadata.name`);
  }
  return document as KubeObject;
}

function resourceId(object: KubeObject): string {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  return `${group}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function addUnique(objects: KubeObject[], object: KubeObject, file: string): void {
  const id = resourceId(object);
  if (objects.some((existing) => resourceId(existing) === id)) {
    throw new KustomizeError(`${file}: may not add resource with an already registered id: ${id}`);
  }
  objects.push(object);
}

function applyNamespace(objects: KubeObject[], namespace: string, file: string): void {
  for (const object of objects) {
    if (NAMESPACE_UNSUPPORTED_KINDS.has(object.kind)) {
      throw new KustomizeError(`${file}: namespace on ${object.kind} is not supported by this renderer`);
    }
    if (object.kind === 'Namespace') object.metadata.name = namespace;
    else if (!CLUSTER_SCOPED_KINDS.has(object.kind)) object.metadata.namespace = namespace;
  }
}

function applyLabels(objects: KubeObject[], entries: Json[], file: string): void {
  for (const entry of entries) {
    if (!isObject(entry)) throw new KustomizeError(`${file}: labels entries must be mappings`);
    const unsupported = Object.keys(entry).filter((field) => !['pairs', 'includeTemplates', 'includeSelectors'].includes(field));
    if (unsupported.length > 0) throw new KustomizeError(`${file}: unsupported labels field(s): ${unsupported.join(', ')}`);
    // Selectors are immutable on a live Deployment, so the tree never generates them.
    if (entry['includeSelectors'] === true) throw new KustomizeError(`${file}: labels.includeSelectors is not supported`);
    const pairs = stringMap(entry['pairs'], 'labels.pairs', file);
    for (const object of objects) {
      object.metadata.labels = { ...object.metadata.labels, ...pairs };
      if (entry['includeTemplates'] !== true) continue;
      for (const path of TEMPLATE_LABEL_PATHS[object.kind] ?? []) setLabelsAt(object as unknown as JsonObject, path, pairs);
    }
  }
}

function setLabelsAt(node: JsonObject, path: string[], pairs: Record<string, string>): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    const existing = node[head];
    node[head] = { ...(isObject(existing) ? existing : {}), ...pairs };
    return;
  }
  if (rest[0] === '[]') {
    const items = node[head];
    if (Array.isArray(items)) for (const item of items) if (isObject(item)) setLabelsAt(item, rest.slice(1), pairs);
    return;
  }
  const child = isObject(node[head]) ? node[head] : (node[head] = {});
  setLabelsAt(child, rest, pairs);
}

function applyReplicas(objects: KubeObject[], entries: Json[], file: string): void {
  for (const entry of entries) {
    if (!isObject(entry)) throw new KustomizeError(`${file}: replicas entries must be mappings`);
    const { name, count } = entry;
    if (typeof name !== 'string' || typeof count !== 'number' || !Number.isInteger(count)) {
      throw new KustomizeError(`${file}: replicas entries need a name and an integer count`);
    }
    const targets = objects.filter((object) => REPLICATED_KINDS.has(object.kind) && object.metadata.name === name);
    if (targets.length === 0) throw new KustomizeError(`${file}: replicas entry ${name} matches no workload`);
    for (const target of targets) ((target as unknown as { spec: JsonObject }).spec ??= {})['replicas'] = count;
  }
}

function applyImages(objects: KubeObject[], entries: Json[], file: string): void {
  for (const entry of entries) {
    if (!isObject(entry)) throw new KustomizeError(`${file}: images entries must be mappings`);
    const unsupported = Object.keys(entry).filter((field) => !['name', 'newName', 'newTag', 'digest'].includes(field));
    if (unsupported.length > 0) throw new KustomizeError(`${file}: unsupported images field(s): ${unsupported.join(', ')}`);
    const { name, newName, newTag, digest } = entry as Record<string, Json | undefined>;
    if (typeof name !== 'string') throw new KustomizeError(`${file}: images entries need a name`);
    if (newTag !== undefined && digest !== undefined) throw new KustomizeError(`${file}: images entry ${name} sets both newTag and digest`);
    let matched = 0;
    for (const object of objects) {
      forEachContainer(object as unknown as Json, (container) => {
        const image = parseImage(String(container['image']));
        if (image.name !== name) return;
        matched += 1;
        const reference = digest !== undefined ? `@${String(digest)}` : newTag !== undefined ? `:${String(newTag)}` : image.reference;
        container['image'] = `${newName !== undefined ? String(newName) : image.name}${reference}`;
      });
    }
    if (matched === 0) throw new KustomizeError(`${file}: images entry ${name} matches no container`);
  }
}

function forEachContainer(node: Json, visit: (container: JsonObject) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) forEachContainer(item, visit);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const container of value) if (isObject(container) && typeof container['image'] === 'string') visit(container);
    } else {
      forEachContainer(value, visit);
    }
  }
}

/** `registry:5000/parley/gateway:1.2@sha256:..` -> name `registry:5000/parley/gateway`, reference `:1.2@sha256:..`. */
function parseImage(image: string): { name: string; reference: string } {
  const at = image.indexOf('@');
  const withoutDigest = at === -1 ? image : image.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  const nameEnd = colon > withoutDigest.lastIndexOf('/') ? colon : withoutDigest.length;
  return { name: image.slice(0, nameEnd), reference: image.slice(nameEnd) };
}

function applyPatches(objects: KubeObject[], entries: Json[], file: string): void {
  for (const entry of entries) {
    if (!isObject(entry)) throw new KustomizeError(`${file}: patches entries must be mappings`);
    const unsupported = Object.keys(entry).filter((field) => !['target', 'patch'].includes(field));
    if (unsupported.length > 0) {
      throw new KustomizeError(`${file}: unsupported patches field(s): ${unsupported.join(', ')} (only an inline patch with a target)`);
    }
    const selector = entry['target'];
    if (!isObject(selector)) throw new KustomizeError(`${file}: every patch needs a target`);
    const selectorFields = ['group', 'version', 'kind', 'name', 'namespace'];
    const unsupportedSelector = Object.keys(selector).filter((field) => !selectorFields.includes(field));
    if (unsupportedSelector.length > 0) {
      throw new KustomizeError(`${file}: unsupported patch target field(s): ${unsupportedSelector.join(', ')}`);
    }
    for (const value of Object.values(selector)) {
      // kustomize reads target fields as anchored regular expressions; this renderer matches literally.
      if (typeof value !== 'string' || /[\\^$.*+?()[\]{}|]/.test(value)) {
        throw new KustomizeError(`${file}: patch target values must be literal names`);
      }
    }
    if (typeof entry['patch'] !== 'string') throw new KustomizeError(`${file}: only inline patches (patch: |) are supported`);
    const [operations] = parseYamlDocuments(entry['patch'], `${file} (patch)`);
    if (!Array.isArray(operations)) {
      throw new KustomizeError(`${file}: strategic-merge patches are not supported, use JSON 6902 operations`);
    }

    const targets = objects.filter((object) => matchesTarget(object, selector));
    if (targets.length === 0) throw new KustomizeError(`${file}: patch target ${JSON.stringify(selector)} matches no resource`);
    for (const object of targets) {
      for (const operation of operations as Json[]) applyJsonPatchOperation(object as unknown as JsonObject, operation, file);
    }
  }
}

function matchesTarget(object: KubeObject, selector: JsonObject): boolean {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  return (
    (selector['group'] === undefined || selector['group'] === group) &&
    (selector['version'] === undefined || selector['version'] === version) &&
    (selector['kind'] === undefined || selector['kind'] === object.kind) &&
    (selector['name'] === undefined || selector['name'] === object.metadata.name) &&
    (selector['namespace'] === undefined || selector['namespace'] === object.metadata.namespace)
  );
}

function applyJsonPatchOperation(document: JsonObject, operation: Json, file: string): void {
  if (!isObject(operation)) throw new KustomizeError(`${file}: a JSON patch operation must be a mapping`);
  const { op, path, value } = operation;
  if (op !== 'add' && op !== 'remove' && op !== 'replace') {
    throw new KustomizeError(`${file}: JSON patch op ${String(op)} is not supported`);
  }
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new KustomizeError(`${file}: JSON patch path must be a pointer like /spec/replicas`);
  }
  if (op !== 'remove' && value === undefined) throw new KustomizeError(`${file}: JSON patch ${op} ${path} needs a value`);

  const tokens = path.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = tokens.pop() as string;
  let parent: Json = document;
  for (const token of tokens) {
    const child: Json | undefined = Array.isArray(parent)
      ? parent[arrayIndex(parent, token, false, path, file)]
      : isObject(parent)
        ? parent[token]
        : undefined;
    if (child === undefined) throw new KustomizeError(`${file}: JSON patch path ${path} does not exist`);
    parent = child;
  }

  if (Array.isArray(parent)) {
    if (op === 'add') {
      parent.splice(last === '-' ? parent.length : arrayIndex(parent, last, true, path, file), 0, value as Json);
    } else {
      const index = arrayIndex(parent, last, false, path, file);
      if (op === 'remove') parent.splice(index, 1);
      else parent[index] = value as Json;
    }
    return;
  }
  if (!isObject(parent)) throw new KustomizeError(`${file}: JSON patch path ${path} does not exist`);
  if (op !== 'add' && !(last in parent)) throw new KustomizeError(`${file}: JSON patch path ${path} does not exist`);
  if (op === 'remove') delete parent[last];
  else parent[last] = value as Json;
}

function arrayIndex(array: Json[], token: string, allowEnd: boolean, path: string, file: string): number {
  const index = /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : -1;
  if (index < 0 || index > array.length || (!allowEnd && index === array.length)) {
    throw new KustomizeError(`${file}: JSON patch path ${path} has no index ${token}`);
  }
  return index;
}

function optionalList(kustomization: JsonObject, field: string, file: string): Json[] {
  const value = kustomization[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new KustomizeError(`${file}: ${field} must be a list`);
  return value;
}

function requireString(value: Json | undefined, field: string, file: string): string {
  if (typeof value !== 'string' || value === '') throw new KustomizeError(`${file}: ${field} must be a non-empty string`);
  return value;
}

function stringMap(value: Json | undefined, field: string, file: string): Record<string, string> {
  if (!isObject(value) || Object.values(value).some((item) => typeof item !== 'string')) {
    throw new KustomizeError(`${file}: ${field} must map names to quoted strings`);
  }
  return value as Record<string, string>;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// `node -r @swc-node/register tools/deploy/kustomize-renderer.ts k8s/base` prints what kustomize would.
if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: kustomize-renderer.ts <kustomization directory>\n');
    process.exit(2);
  }
  process.stdout.write(renderKustomizationYaml(dir));
}

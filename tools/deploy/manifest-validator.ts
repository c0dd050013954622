// Validates Kubernetes objects offline, in two passes over the same generated Kubernetes 1.27
// definitions that the kubernetes-models package ships:
//  1. its JSON-schema validators: required fields, types, enums, formats;
//  2. TypeScript's excess-property check against its interfaces, because those schemas allow
//     unknown fields and the API server (kubectl's strict field validation) does not: a typo such
//     as `readinesProbe` would otherwise pass silently.
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import type { KubeObject } from './kustomize-renderer';

interface ValidatingModel {
  validate(): void;
}
type ModelClass = new (data: unknown) => ValidatingModel;

const REPO_ROOT = join(__dirname, '../..');
// A file name that never exists on disk; module resolution starts from the repo root.
const VIRTUAL_FILE = join(REPO_ROOT, '__kube-manifests__.virtual.ts');

export function objectLabel(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return `${object.kind}/${object.metadata?.name ?? '<unnamed>'}`;
}

function modelPath(object: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  if (!/^[a-z0-9.-]+(\/[a-z0-9]+)?$/i.test(object.apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(object.kind)) {
    throw new Error(`malformed apiVersion/kind: ${object.apiVersion} ${object.kind}`);
  }
  return `kubernetes-models/${object.apiVersion}/${object.kind}`;
}

function loadModel(object: KubeObject): ModelClass {
  let exported: Record<string, unknown>;
  try {
    // Picked at run time by the object's own apiVersion and kind.
    exported = require(modelPath(object)) as Record<string, unknown>;
  } catch {
    throw new Error(`${objectLabel(object)}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
  }
  const model = exported[object.kind];
  if (typeof model !== 'function') throw new Error(`${objectLabel(object)}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
  return model as ModelClass;
}

/** Problems the Kubernetes JSON schema finds in one object (empty when it is valid). */
export function schemaProblems(object: KubeObject): string[] {
  let Model: ModelClass;
  try {
    Model = loadModel(object);
  } catch (error) {
    return [(error as Error).message];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${objectLabel(object)}: ${(error as Error).message}`];
  }
}

/** Fields that the Kubernetes API does not define, found by type-checking each object against its model interface. */
export function unknownFieldProblems(objects: KubeObject[]): string[] {
  const spans: Array<{ start: number; end: number; object: KubeObject }> = [];
  let source = '';
  objects.forEach((object, index) => {
    const type = `import(${JSON.stringify(modelPath(object))}).I${object.kind}`;
    const statement = `export const object${index}: ${type} = ${JSON.stringify(object, null, 2)};\n`;
    spans.push({ start: source.length, end: source.length + statement.length, object });
    source += statement;
  });

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    fileName === VIRTUAL_FILE
      ? ts.createSourceFile(fileName, source, languageVersion, true)
      : getSourceFile.call(host, fileName, languageVersion, ...rest);
  host.fileExists = (fileName) => fileName === VIRTUAL_FILE || fileExists.call(host, fileName);
  host.readFile = (fileName) => (fileName === VIRTUAL_FILE ? source : readFile.call(host, fileName));
  host.getCurrentDirectory = () => dirname(VIRTUAL_FILE);

  const program = ts.createProgram({ rootNames: [VIRTUAL_FILE], options, host });
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics(), ...program.getOptionsDiagnostics()];
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (diagnostic.file?.fileName !== VIRTUAL_FILE || diagnostic.start === undefined) return `type check: ${message}`;
    const start = diagnostic.start;
    const span = spans.find((candidate) => start >= candidate.start && start < candidate.end);
    const line = source.slice(source.lastIndexOf('\n', start) + 1, source.indexOf('\n', start)).trim();
    return `${span ? objectLabel(span.object) : 'manifest'}: ${message} (at ${line})`;
  });
}

/** Every schema and unknown-field problem of the given objects; empty when all are valid. */
export function manifestProblems(objects: KubeObject[]): string[] {
  const problems = objects.flatMap(schemaProblems);
  // An object with no model is already reported above; type-checking it would only repeat that.
  const modelled = objects.filter((object) => {
    try {
      return Boolean(loadModel(object));
    } catch {
      return false;
    }
  });
  return [...problems, ...unknownFieldProblems(modelled)];
}

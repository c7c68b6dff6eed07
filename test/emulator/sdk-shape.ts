// Compares an answer with an official SDK response model: every declared field with its declared type, nothing else.
type FieldType = string | ModelClass | { type: string; itemType: string | ModelClass };

export interface ModelClass {
  names(): Record<string, string>;
  types(): Record<string, FieldType>;
  readonly name: string;
}

function isModel(value: unknown): value is ModelClass {
  return typeof value === 'function' && 'names' in value && 'types' in value;
}

function typeProblem(value: unknown, type: FieldType, path: string, optional: ReadonlySet<string>, problems: string[]): void {
  if (typeof type === 'string') {
    if (type === 'any') return;
    if (typeof value !== type) problems.push(`${path}: ${JSON.stringify(value)} is not a ${type}`);
  } else if (isModel(type)) {
    shapeOf(value, type, path, optional, problems);
  } else if (type.type === 'array') {
    if (!Array.isArray(value)) {
      problems.push(`${path}: not an array`);
      return;
    }
    for (const [i, item] of value.entries()) typeProblem(item, type.itemType, `${path}[${i}]`, optional, problems);
  } else {
    problems.push(`${path}: unhandled model type ${JSON.stringify(type)}`);
  }
}

function shapeOf(value: unknown, model: ModelClass, path: string, optional: ReadonlySet<string>, problems: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path || '(body)'}: not an object (${model.name})`);
    return;
  }
  const record = value as Record<string, unknown>;
  const names = model.names();
  const types = model.types();
  const declared = new Map(Object.entries(names).map(([js, wire]) => [wire, types[js] as FieldType]));
  for (const key of Object.keys(record)) if (!declared.has(key)) problems.push(`${path}${path ? '.' : ''}${key}: not declared by ${model.name}`);
  for (const [wire, type] of declared) {
    const at = `${path}${path ? '.' : ''}${wire}`;
    const generic = at.replace(/\[\d+\]/g, '[]');
    if (!(wire in record)) {
      if (!optional.has(generic)) problems.push(`${at}: missing (${model.name} declares it)`);
      continue;
    }
    typeProblem(record[wire], type, at, optional, problems);
  }
}

/** Problems of `body` against `model`; `optional` lists fields the documentation says are only sometimes returned (arrays as `[]`). */
export function shapeProblems(body: unknown, model: ModelClass, optional: readonly string[] = []): string[] {
  const problems: string[] = [];
  shapeOf(body, model, '', new Set(optional), problems);
  return problems;
}

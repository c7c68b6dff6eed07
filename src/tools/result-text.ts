// The text content of a result: the same JSON as the structured content (the contract), laid out compactly:
// the summary first, one top-level field per line, and one line per element of a list, like a table.
export function resultText(body: Record<string, unknown>): string {
  const { summary, ...rest } = body;
  const ordered = summary === undefined ? rest : { summary, ...rest };
  const lines = Object.entries(ordered).map(([key, value]) => `${JSON.stringify(key)}:${fieldText(value)}`);
  return `{${lines.join(',\n')}}`;
}

function fieldText(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return JSON.stringify(value);
  return `[\n${value.map((item) => ` ${JSON.stringify(item)}`).join(',\n')}\n]`;
}

import fc from 'fast-check';

// Request generation from an OpenAPI 3 document for property-based fuzzing: values that fit
// the schemas (so requests get past the validators and reach the services) mixed with values
// that do not (wrong types, empty, huge, odd unicode), odd headers and content types.

export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  allOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export interface FuzzOperation {
  method: string;
  path: string;
  op: Operation;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
  );
}

const nasty = fc.constantFrom(
  '',
  ' ',
  "'; DROP TABLE cases; --",
  '%00',
  '\u0000',
  '../../etc/passwd',
  '${jndi:x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '9'.repeat(40),
  '-1',
  '1e309',
  'NaN',
  'null',
  '😀'.repeat(50),
  'x'.repeat(5000),
);

const anyString = fc.oneof(fc.string({ maxLength: 40 }), nasty, fc.uuid(), fc.integer().map(String));
const anyJson = fc.oneof(
  { maxDepth: 2 },
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  anyString,
  fc.array(anyString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), anyString, { maxKeys: 3 }),
);

function resolve(doc: OpenApiDocument, s: SchemaObject | undefined, depth = 0): SchemaObject | undefined {
  if (!s?.$ref || depth > 5) return s;
  const name = s.$ref.split('/').pop() ?? '';
  return resolve(doc, doc.components?.schemas?.[name], depth + 1);
}

/** A value that fits the schema, most of the time; sometimes any JSON at all. */
export function valueFor(doc: OpenApiDocument, schema: SchemaObject | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (!s || depth > 4) return anyJson;
  const fitting = fittingValue(doc, s, depth);
  return fc.oneof({ arbitrary: fitting, weight: 4 }, { arbitrary: anyJson, weight: 1 });
}

function fittingValue(doc: OpenApiDocument, s: SchemaObject, depth: number): fc.Arbitrary<unknown> {
  const alternatives = s.oneOf ?? s.anyOf ?? s.allOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => valueFor(doc, a, depth + 1)));
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringFor(s);
    case 'integer':
      return fc.oneof(fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 1000 }), fc.integer());
    case 'number':
      return fc.oneof(fc.double({ min: s.minimum ?? -5, max: s.maximum ?? 1000, noNaN: true }), fc.double());
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueFor(doc, s.items, depth + 1), { maxLength: 4 });
    case 'object':
    case undefined: {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const keys = Object.keys(props);
      if (!keys.length) return fc.dictionary(fc.string({ maxLength: 8 }), anyString, { maxKeys: 3 });
      const record = Object.fromEntries(keys.map((k) => [k, valueFor(doc, props[k], depth + 1)]));
      return fc.record(record, { requiredKeys: keys.filter((k) => required.has(k)) });
    }
    default:
      return anyJson;
  }
}

function stringFor(s: SchemaObject): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid':
      return fc.oneof(fc.uuid(), anyString);
    case 'date':
      return fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        anyString,
      );
    case 'date-time':
      return fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        anyString,
      );
    case 'email':
      return fc.oneof(fc.emailAddress(), anyString);
    case 'binary':
      return fc.string({ maxLength: 200 });
    default:
      return fc.oneof(fc.string({ maxLength: s.maxLength ?? 60 }), anyString, fc.stringMatching(/^35\d{14}$/));
  }
}

const SOME_HEADERS = fc.record(
  {
    'accept-language': fc.constantFrom('id', 'en', 'en-US,en;q=0.5', '*', 'xx', ''),
    'if-match': fc.oneof(fc.constantFrom('"1"', 'W/"0"', '*'), anyString),
    'if-none-match': fc.oneof(fc.constantFrom('"1"', '*'), anyString),
    'idempotency-key': anyString,
    'x-api-key': anyString,
    range: anyString,
  },
  { requiredKeys: [] },
);
// Mostly none: an odd header on every request (a junk API key, say) would stop most at the door.
const ODD_HEADERS = fc.oneof({ arbitrary: fc.constant({}), weight: 4 }, { arbitrary: SOME_HEADERS, weight: 1 });

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'multipart/form-data; boundary=fuzz',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
];

function encode(v: unknown): string {
  return encodeURIComponent(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
}

function multipart(body: unknown): string {
  const fields: [string, unknown][] = body && typeof body === 'object' && !Array.isArray(body) ? Object.entries(body) : [['data', body]];
  const parts = fields.map(
    ([k, v]) =>
      `--fuzz\r\nContent-Disposition: form-data; name="${k}"${k.startsWith('doc') ? '; filename="a.pdf"\r\nContent-Type: application/pdf' : ''}\r\n\r\n${typeof v === 'string' ? v : JSON.stringify(v)}\r\n`,
  );
  return `${parts.join('')}--fuzz--\r\n`;
}

/** One request for one of the document's operations. */
export function requestArbitrary(doc: OpenApiDocument, ids: string[] = []): fc.Arbitrary<FuzzRequest> {
  const pathValue = fc.oneof(fc.uuid(), anyString, ...(ids.length ? [fc.constantFrom(...ids)] : []));
  return fc.constantFrom(...operationsOf(doc)).chain(({ method, path, op }) => {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const bodySchema = op.requestBody?.content ? Object.values(op.requestBody.content)[0]?.schema : undefined;
    const declared = op.requestBody?.content ? Object.keys(op.requestBody.content)[0] : 'application/json';
    return fc
      .record({
        path: fc.tuple(...pathParams.map(() => pathValue)),
        query: fc.tuple(...queryParams.map((p) => fc.option(valueFor(doc, p.schema), { nil: undefined }))),
        extraQuery: fc.option(fc.tuple(fc.constantFrom('sort', 'range', 'filter', 'cursor', 'q', 'limit'), anyString), { nil: undefined }),
        body: method === 'get' || method === 'delete' ? fc.constant(undefined) : valueFor(doc, bodySchema),
        contentType: fc.oneof({ arbitrary: fc.constant(declared), weight: 5 }, { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 1 }),
        headers: ODD_HEADERS,
      })
      .map((r): FuzzRequest => {
        let url = path;
        pathParams.forEach((p, i) => {
          url = url.replace(`{${p.name}}`, encodeURIComponent(String(r.path[i])));
        });
        const qs = queryParams.flatMap((p, i) => (r.query[i] === undefined ? [] : [`${encodeURIComponent(p.name)}=${encode(r.query[i])}`]));
        if (r.extraQuery) qs.push(`${r.extraQuery[0]}=${encode(r.extraQuery[1])}`);
        if (qs.length) url += `?${qs.join('&')}`;
        const headers: Record<string, string> = Object.fromEntries(
          Object.entries(r.headers).filter((e): e is [string, string] => e[1] !== undefined),
        );
        if (r.body === undefined) return { method, url, headers };
        headers['content-type'] = r.contentType;
        const payload = r.contentType.startsWith('multipart/') ? multipart(r.body) : (JSON.stringify(r.body) ?? 'null');
        return { method, url, headers, payload };
      });
  });
}

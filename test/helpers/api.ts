// The REST API from a test: tokens made the way an admin makes them (POST /api/tokens with a
// console session), calls with a bearer token, and answers checked against the OpenAPI document.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ApiScope } from '../../protocol/index.ts';
import { login } from './clients.ts';

interface Server {
  url: string;
  admin: { email: string; password: string };
}

export async function adminCookie(server: Server): Promise<string> {
  return login(server.url, server.admin.email, server.admin.password);
}

/** POST /api/tokens as the admin → the token (shown once) and its id. */
export async function createToken(server: Server, scopes: ApiScope[], opts: { name?: string; agentId?: string; cookie?: string } = {}): Promise<{ id: string; token: string }> {
  const cookie = opts.cookie ?? (await adminCookie(server));
  const res = await fetch(`${server.url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: opts.name ?? `test ${scopes.join('+')}`, scopes, ...(opts.agentId && { agentId: opts.agentId }) }),
  });
  if (res.status !== 201) throw new Error(`creating a token failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; token: string };
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(server: Server, token: string | null, method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

/** Checks answers against the response schemas the OpenAPI document gives for an operation. */
export function responseChecker(doc: { components: { schemas: Record<string, unknown> }; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> }) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
  const fix = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
  return (path: string, method: string, status: number, body: unknown): string[] => {
    const schema = doc.paths[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) return [`the document has no ${status} answer for ${method.toUpperCase()} ${path}`];
    const validate = ajv.compile(fix(schema) as object);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSealKey, padesSign, type SealKey } from '../../api/src/issuance/signing/pades';

/**
 * A fake BSrE eSign Client Service implementing the v2 contract the adapter uses, on 127.0.0.1:
 * HTTP Basic per application; `POST /api/v2/sign/pdf` `{nik, passphrase, signatureProperties, file:[base64]}`
 * -> `200 {time, file:[base64]}` signed with its own certificate (a real PAdES signature), or
 * `400 {status_code, error}`: 2031 wrong passphrase, 2011 user not registered (NOT_REGISTERED);
 * `500` for a file that is not a PDF; `POST /api/v2/user/check/status {nik}` -> `{status}`.
 * A passphrase registered as `hang` never gets an answer (the client's timeout decides).
 */
export interface FakeBsre {
  url: string;
  username: string;
  password: string;
  /** NIK -> passphrase of registered signers. */
  users: Map<string, string>;
  /** Passphrases the fake treats as hanging (no answer). */
  hanging: Set<string>;
  requests: { path: string; nik?: string; files: number }[];
  /** Stops listening (connections are refused) until `resume`. */
  stop(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeBsre(): Promise<FakeBsre> {
  const key: SealKey = await loadSealKey({
    keyFile: null,
    certFile: null,
    dataDir: mkdtempSync(path.join(tmpdir(), 'fake-bsre-')),
    commonName: 'Fake BSrE Signer (test)',
  });
  const username = 'lt-app';
  const password = 'fake-bsre-secret';
  const state = { users: new Map<string, string>(), hanging: new Set<string>(), requests: [] as FakeBsre['requests'] };
  const hung: ServerResponse[] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const auth = req.headers.authorization ?? '';
      if (auth !== `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`) return send(res, 401, { error: 'Unauthorized' });
      const body = await readJson(req).catch(() => null);
      if (!body) return send(res, 400, { status_code: 400, error: 'Invalid JSON' });
      const nik = typeof body.nik === 'string' ? body.nik : undefined;
      const files = Array.isArray(body.file) ? body.file : [];
      state.requests.push({ path: req.url ?? '', nik, files: files.length });
      if (req.method === 'POST' && req.url === '/api/v2/user/check/status') {
        return send(res, 200, { status: nik && state.users.has(nik) ? 'ISSUE' : 'NOT_REGISTERED' });
      }
      if (req.method !== 'POST' || req.url !== '/api/v2/sign/pdf') return send(res, 404, { error: 'Not Found' });
      const passphrase = typeof body.passphrase === 'string' ? body.passphrase : '';
      const props = Array.isArray(body.signatureProperties) ? (body.signatureProperties as Record<string, unknown>[]) : [];
      if (!nik || !state.users.has(nik)) return send(res, 400, { status_code: 2011, error: 'User tidak terdaftar' });
      if (state.hanging.has(passphrase)) {
        hung.push(res);
        return;
      }
      if (state.users.get(nik) !== passphrase) return send(res, 400, { status_code: 2031, error: 'Passphrase anda salah !!!' });
      if (files.length !== 1 || props.length !== 1 || typeof files[0] !== 'string')
        return send(res, 400, { status_code: 400, error: 'file dan signatureProperties wajib' });
      const pdf = Buffer.from(files[0], 'base64');
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
        return send(res, 500, { status_code: 500, error: 'InvalidPdfException: Rebuild failed' });
      const signed = await padesSign(pdf, key, {
        name: `BSrE signer ${nik}`,
        reason: typeof props[0].reason === 'string' ? props[0].reason : '',
        location: typeof props[0].location === 'string' ? props[0].location : '',
        contactInfo: 'bsre.bssn.go.id',
      });
      send(res, 200, { time: new Date().toISOString(), file: [signed.toString('base64')] });
    })().catch(() => send(res, 500, { status_code: 500, error: 'internal' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    username,
    password,
    users: state.users,
    hanging: state.hanging,
    requests: state.requests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    resume: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: async () => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer as CmsSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import { createHash, generateKeyPair, randomBytes, sign, type KeyObject, createPrivateKey } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/** The institution's signing key and its X.509 certificate. */
export interface SealKey {
  privateKey: KeyObject;
  certDer: Buffer;
  /** SHA-256 fingerprint of the certificate, hex (shown in the architecture notes and logs). */
  fingerprint: string;
}

const A = forge.asn1;
type Asn1 = forge.asn1.Asn1;
const oid = (o: string): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.OID, false, A.oidToDer(o).getBytes());
const seq = (v: Asn1[]): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.SEQUENCE, true, v);
const set = (v: Asn1[]): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.SET, true, v);
const octets = (b: Buffer): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.OCTETSTRING, false, b.toString('binary'));
const integer = (n: number): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.INTEGER, false, A.integerToDer(n).getBytes());
const nil = (): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.NULL, false, '');
const explicit = (tag: number, v: Asn1[]): Asn1 => A.create(A.Class.CONTEXT_SPECIFIC, tag, true, v);
const der = (v: Asn1): Buffer => Buffer.from(A.toDer(v).getBytes(), 'binary');

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
};

/**
 * A CMS SignedData for PAdES-B-B (ETSI EN 319 142-1): detached, SHA-256, signed attributes
 * content-type, message-digest and ESS signing-certificate-v2, and no signing-time attribute
 * (PAdES puts the time in the signature dictionary's /M). The RSA signature is node:crypto's;
 * forge only encodes ASN.1.
 */
class PadesCmsSigner extends CmsSigner {
  constructor(private readonly key: SealKey) {
    super();
  }

  /** The CMS SignedData for `content`, computed in process (asynchronous for the signer interface only). */
  override sign(content: Buffer): Promise<Buffer> {
    return Promise.resolve().then(() => this.signedData(content));
  }

  private signedData(content: Buffer): Buffer {
    const cert = A.fromDer(this.key.certDer.toString('binary'));
    const tbs = (cert.value as Asn1[])[0].value as Asn1[];
    // TBSCertificate: [0] version, serialNumber, signature, issuer, ...
    const hasVersion = tbs[0].tagClass === A.Class.CONTEXT_SPECIFIC;
    const serial = tbs[hasVersion ? 1 : 0];
    const issuer = tbs[hasVersion ? 3 : 2];
    const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
    const issuerSerial = seq([seq([explicit(4, [issuer])]), serial]);
    const attributes = [
      seq([oid(OID.contentType), set([oid(OID.data)])]),
      seq([oid(OID.messageDigest), set([octets(sha256(content))])]),
      // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default SHA-256.
      seq([oid(OID.signingCertificateV2), set([seq([seq([seq([octets(sha256(this.key.certDer)), issuerSerial])])])])]),
    ];
    // The signature covers the attributes DER-encoded as a SET; in SignerInfo they are [0] IMPLICIT.
    const signature = sign('sha256', der(set(attributes)), this.key.privateKey);
    const signerInfo = seq([
      integer(1),
      seq([issuer, serial]),
      seq([oid(OID.sha256), nil()]),
      A.create(A.Class.CONTEXT_SPECIFIC, 0, true, attributes),
      seq([oid(OID.sha256WithRsa), nil()]),
      octets(signature),
    ]);
    const signedData = seq([
      integer(1),
      set([seq([oid(OID.sha256), nil()])]),
      seq([oid(OID.data)]),
      A.create(A.Class.CONTEXT_SPECIFIC, 0, true, [cert]),
      set([signerInfo]),
    ]);
    return der(seq([oid(OID.signedData), explicit(0, [signedData])]));
  }
}

const signPdf = new SignPdf();

/** What the signature dictionary says besides the signature: signer, reason, place, contact. */
export interface PadesMeta {
  name: string;
  reason: string;
  location: string;
  contactInfo: string;
}

/** Signs `pdf` (a classic-xref PDF, as pdfkit writes) with an invisible PAdES signature. */
export async function padesSign(pdf: Buffer, key: SealKey, meta: PadesMeta): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: meta.reason,
    contactInfo: meta.contactInfo,
    name: meta.name,
    location: meta.location,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 8192,
    appName: 'LayananTerpadu',
  });
  return signPdf.sign(withPlaceholder, new PadesCmsSigner(key));
}

const PEM_KEY = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/;
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

function keyFrom(keyPem: string, certPem: string): SealKey {
  const privateKey = createPrivateKey(keyPem);
  const certDer = Buffer.from(A.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(certPem))).getBytes(), 'binary');
  return { privateKey, certDer, fingerprint: createHash('sha256').update(certDer).digest('hex') };
}

/**
 * The seal key: the configured PEM files, or DATA_DIR/signing/seal.pem, created at first start
 * (RSA 3072, a self-signed certificate valid ten years). Several instances starting at once on a
 * shared DATA_DIR agree on one key: the file is published with link(), which fails if it exists.
 */
export async function loadSealKey(opts: {
  keyFile: string | null;
  certFile: string | null;
  dataDir: string;
  commonName: string;
}): Promise<SealKey> {
  if (opts.keyFile && opts.certFile) return keyFrom(await readFile(opts.keyFile, 'utf8'), await readFile(opts.certFile, 'utf8'));
  const file = path.resolve(opts.dataDir, 'signing', 'seal.pem');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing === null) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, await newSealPem(opts.commonName), { mode: 0o600, flag: 'wx' });
    await link(tmp, file).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    await rm(tmp, { force: true });
  }
  const pem = await readFile(file, 'utf8');
  const keyPem = PEM_KEY.exec(pem)?.[0];
  const certPem = PEM_CERT.exec(pem)?.[0];
  if (!keyPem || !certPem) throw new Error(`${file} must hold a PRIVATE KEY and a CERTIFICATE (PEM)`);
  return keyFrom(keyPem, certPem);
}

/** forge exports getTBSCertificate; @types/node-forge does not declare it. */
interface ForgeTbs {
  getTBSCertificate(cert: forge.pki.Certificate): Asn1;
}

async function newSealPem(commonName: string): Promise<string> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 3072 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // A positive serial of 16 random bytes (RFC 5280: at most 20 octets).
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Pemerintah Kota Malang' },
    { name: 'localityName', value: 'Kota Malang' },
    { name: 'countryName', value: 'ID' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // What forge's cert.sign() does, with node:crypto's RSA: forge's own takes seconds for 3072 bits.
  cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption;
  const tbs = der((forge.pki as unknown as ForgeTbs).getTBSCertificate(cert));
  cert.signature = sign('sha256', tbs, privateKey).toString('binary');
  return `${keyPem.trim()}\n${forge.pki.certificateToPem(cert).trim()}\n`;
}

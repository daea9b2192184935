// A throwaway certificate authority: the server's serving certificate and client certificates for users.
// Keys come from Node's crypto (native, fast); node-forge builds and signs the X.509 certificates.
import { generateKeyPair, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { isIP } from 'node:net';
import forge from 'node-forge';

export interface KeyPair {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#8). */
  key: string;
}

export interface CertificateAuthority extends KeyPair {
  /** Signs a serving certificate for these host names and IPs. */
  issueServer(hosts: string[]): KeyPair;
  /** Signs a client certificate: CN is the user, O the groups (as kube-apiserver reads them). */
  issueClient(user: string, groups?: string[]): KeyPair;
}

type ForgeKeyPair = ReturnType<typeof newKeyPair>;

/** A key pair for a CA, generated off the main thread (to overlap other start-up work). */
export async function generateCaKey(): Promise<ForgeKeyPair> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return forgeKeyPair(privateKey);
}

export function createCertificateAuthority(
  commonName = 'kubegen-ca',
  ca: ForgeKeyPair = newKeyPair(),
): CertificateAuthority {
  const caCert = baseCertificate(ca.publicKey, [{ name: 'commonName', value: commonName }], 3650);
  caCert.setIssuer(caCert.subject.attributes);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const issue = (subject: forge.pki.CertificateField[], extensions: object[]): KeyPair => {
    const pair = newKeyPair();
    const cert = baseCertificate(pair.publicKey, subject, 365);
    cert.setIssuer(caCert.subject.attributes);
    cert.setExtensions([{ name: 'basicConstraints', cA: false }, ...extensions]);
    cert.sign(ca.privateKey, forge.md.sha256.create());
    return { cert: forge.pki.certificateToPem(cert), key: pair.pem };
  };

  return {
    cert: forge.pki.certificateToPem(caCert),
    key: ca.pem,
    issueServer(hosts) {
      const altNames = hosts.map((h) => (isIP(h) ? { type: 7, ip: h } : { type: 2, value: h }));
      return issue(
        [{ name: 'commonName', value: 'kube-apiserver' }],
        [
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
          { name: 'extKeyUsage', serverAuth: true },
          { name: 'subjectAltName', altNames },
        ],
      );
    },
    issueClient(user, groups = []) {
      const subject: forge.pki.CertificateField[] = [
        ...groups.map((g) => ({ name: 'organizationName', value: g })),
        { name: 'commonName', value: user },
      ];
      return issue(subject, [
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
      ]);
    },
  };
}

function newKeyPair(): { publicKey: forge.pki.PublicKey; privateKey: forge.pki.rsa.PrivateKey; pem: string } {
  return forgeKeyPair(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
}

function forgeKeyPair(privateKey: KeyObject): {
  publicKey: forge.pki.PublicKey;
  privateKey: forge.pki.rsa.PrivateKey;
  pem: string;
} {
  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pkcs1) as forge.pki.rsa.PrivateKey;
  const publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  return { publicKey, privateKey: forgeKey, pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

function baseCertificate(
  publicKey: forge.pki.PublicKey,
  subject: forge.pki.CertificateField[],
  days: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial: the high bit clear.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  cert.setSubject(subject);
  return cert;
}

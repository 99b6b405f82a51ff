// DNS for the mail tests without a network: mailauth's documented `resolver` option answers from
// this table, so its real DKIM and SPF checks run. The DKIM key is made here; mail is signed with it.
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign, type DNSResolver } from 'mailauth';

export interface TestDns {
  resolver: DNSResolver;
  /** DKIM-signs a raw message as `domain` (which publishes this key under selector "test"). */
  sign(raw: string, domain: string): Promise<string>;
  /** Publishes a TXT record. */
  txt(name: string, value: string): void;
}

export function testDns(signingDomains: string[]): TestDns {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const records = new Map<string, string[][]>();
  const txt = (name: string, value: string) => records.set(name.toLowerCase(), [...(records.get(name.toLowerCase()) ?? []), [value]]);
  for (const d of signingDomains) txt(`test._domainkey.${d}`, `v=DKIM1; k=rsa; p=${p}`);
  const resolver: DNSResolver = async (name, rrtype) => {
    const found = rrtype === 'TXT' ? records.get(name.toLowerCase()) : undefined;
    if (found) return found;
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
  return {
    resolver,
    txt,
    async sign(raw, domain) {
      const r = await dkimSign(raw, { canonicalization: 'relaxed/relaxed', signatureData: [{ signingDomain: domain, selector: 'test', privateKey: pem }] } as Parameters<typeof dkimSign>[1]);
      if (r.errors?.length) throw new Error(`dkim sign: ${JSON.stringify(r.errors)}`);
      return r.signatures + raw;
    },
  };
}

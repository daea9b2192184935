// Printer columns of the networking kinds: services, their endpoints, ingresses and network policies.
import type { KubeObject } from '../storage/store.js';
import { ageColumn, col, list, nameColumn, read, str, type Column } from './columns.js';
import { formatLabelSelector, formatLabels } from './labels.js';

/** At most `max` items, then `+ N more...`; `empty` when there are none. */
export function listWithMore(items: string[], max: number, empty: string, separator = ','): string {
  if (items.length === 0) return empty;
  const shown = items.slice(0, max).join(separator);
  return items.length > max ? `${shown} + ${items.length - max} more...` : shown;
}

function loadBalancerAddresses(o: KubeObject): string[] {
  const found = list<{ ip?: string; hostname?: string }>(o, 'status.loadBalancer.ingress').map(
    (i) => i.ip || i.hostname || '',
  );
  return [...new Set(found.filter((a) => a !== ''))];
}

function externalIP(o: KubeObject): string {
  const external = list<string>(o, 'spec.externalIPs');
  switch (str(o, 'spec.type', 'ClusterIP')) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerAddresses(o), ...external];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(o, 'spec.externalName');
    default:
      return '<unknown>';
  }
}

function servicePorts(o: KubeObject): string {
  const ports = list<{ port?: number; protocol?: string; nodePort?: number }>(o, 'spec.ports');
  return (
    ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>'
  );
}

function endpointAddresses(o: KubeObject): string {
  const found: string[] = [];
  for (const subset of list(o, 'subsets')) {
    const addresses = list<{ ip?: string }>(subset, 'addresses');
    const ports = list<{ port?: number }>(subset, 'ports');
    if (ports.length === 0) for (const a of addresses) found.push(String(a.ip ?? ''));
    for (const p of ports)
      for (const a of addresses)
        found.push(String(a.ip ?? '').includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
  }
  return listWithMore(found, 3, '<none>');
}

function ingressHosts(o: KubeObject): string {
  const rules = list<{ host?: string }>(o, 'spec.rules');
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === 3) more = true;
    if (!more && rule.host) hosts.push(rule.host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${rules.length - 3} more...` : hosts.join(',');
}

export const networkColumns: Record<string, Column[]> = {
  '/Service': [
    nameColumn,
    col('Type', 'string', (o) => str(o, 'spec.type', 'ClusterIP')),
    col('Cluster-IP', 'string', (o) => str(o, 'spec.clusterIPs.0') || str(o, 'spec.clusterIP', '<none>')),
    col('External-IP', 'string', externalIP),
    col('Port(s)', 'string', servicePorts),
    ageColumn,
    col('Selector', 'string', (o) => formatLabels(read(o, 'spec.selector')), 1),
  ],
  '/Endpoints': [nameColumn, col('Endpoints', 'string', endpointAddresses), ageColumn],
  'discovery.k8s.io/EndpointSlice': [
    nameColumn,
    col('AddressType', 'string', (o) => str(o, 'addressType')),
    col('Ports', 'string', (o) =>
      listWithMore(
        list<{ port?: number; name?: string }>(o, 'ports').map((p) =>
          p.port !== undefined ? String(p.port) : (p.name ?? '*'),
        ),
        3,
        '<unset>',
      ),
    ),
    col('Endpoints', 'string', (o) =>
      listWithMore(
        list(o, 'endpoints').flatMap((e) => list<string>(e, 'addresses')),
        3,
        '<unset>',
      ),
    ),
    ageColumn,
  ],
  'networking.k8s.io/Ingress': [
    nameColumn,
    col('Class', 'string', (o) => str(o, 'spec.ingressClassName', '<none>')),
    col('Hosts', 'string', ingressHosts),
    col('Address', 'string', (o) => loadBalancerAddresses(o).join(',')),
    col('Ports', 'string', (o) => (list(o, 'spec.tls').length > 0 ? '80, 443' : '80')),
    ageColumn,
  ],
  'networking.k8s.io/NetworkPolicy': [
    nameColumn,
    col('Pod-Selector', 'string', (o) => formatLabelSelector(read(o, 'spec.podSelector'))),
    ageColumn,
  ],
};

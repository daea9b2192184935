// The `kubernetes` Service in `default` that kube-apiserver keeps for in-cluster clients: 10.96.0.1:443, with the
// Endpoints and EndpointSlice that name the address and port the API server listens on.
import { createAs } from './create.js';
import type { ServerState } from '../http/context.js';
import type { KubeObject } from '../storage/store.js';

const manager = 'kube-apiserver';

/** Creates the Service, Endpoints and EndpointSlice for an API server listening on `host`:`port`. */
export function createKubernetesService(state: ServerState, host: string, port: number): void {
  const ip = host === 'localhost' || host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const family = ip.includes(':') ? 'IPv6' : 'IPv4';
  const objects: [string, string, string, KubeObject][] = [
    [
      '',
      'v1',
      'services',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'kubernetes',
          namespace: 'default',
          labels: { component: 'apiserver', provider: 'kubernetes' },
        },
        spec: {
          type: 'ClusterIP',
          clusterIP: '10.96.0.1',
          clusterIPs: ['10.96.0.1'],
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          internalTrafficPolicy: 'Cluster',
          sessionAffinity: 'None',
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: port }],
        },
        status: { loadBalancer: {} },
      },
    ],
    [
      '',
      'v1',
      'endpoints',
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: {
          name: 'kubernetes',
          namespace: 'default',
          labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
        },
        subsets: [{ addresses: [{ ip }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
      },
    ],
    [
      'discovery.k8s.io',
      'v1',
      'endpointslices',
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
        addressType: family,
        endpoints: [{ addresses: [ip], conditions: { ready: true } }],
        ports: [{ name: 'https', port, protocol: 'TCP' }],
      },
    ],
  ];
  for (const [group, version, plural, obj] of objects) {
    const r = state.registry.lookup(group, version, plural);
    if (r) createAs(state, r, obj, manager);
  }
}

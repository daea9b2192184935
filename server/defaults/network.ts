// Field defaults of Services and NetworkPolicies, and what the Service strategy allocates at create:
// cluster IPs from the service range, node ports from 30000-32767, the IP family fields.
import { randomInt } from 'node:crypto';
import { at, child, objects, type Obj } from './shape.js';

export function defaultService(spec: Obj): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.sessionAffinity === 'ClientIP') at(at(spec, 'sessionAffinityConfig'), 'clientIP').timeoutSeconds ??= 10800;
  for (const port of objects(spec.ports)) {
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
  }
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

let nextServiceIp = 1;

/** Addresses, families and node ports a new Service is given. */
export function allocateService(spec: Obj): void {
  if (spec.type === 'ExternalName') return;
  if (spec.clusterIP === undefined && Array.isArray(spec.clusterIPs) && typeof spec.clusterIPs[0] === 'string') spec.clusterIP = spec.clusterIPs[0];
  if (spec.clusterIP === undefined || spec.clusterIP === '') {
    const n = nextServiceIp++;
    spec.clusterIP = `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  }
  spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  // A headless Service without a selector asks for every family the cluster has.
  const headlessWithoutSelector = spec.clusterIP === 'None' && Object.keys(child(spec, 'selector') ?? {}).length === 0;
  spec.ipFamilyPolicy ??= headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack';
  const wantsNodePorts = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  if (wantsNodePorts) for (const port of objects(spec.ports)) port.nodePort ??= randomInt(30000, 32768);
}

/** On update a Service keeps what it was allocated when the new body leaves it out. */
export function keepServiceAllocations(was: Obj, spec: Obj): void {
  for (const key of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy']) {
    if (spec[key] === undefined && was[key] !== undefined) spec[key] = structuredClone(was[key]);
  }
  const before = objects(was.ports);
  for (const port of objects(spec.ports)) {
    const match = before.find((p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (port.nodePort === undefined && match?.nodePort !== undefined && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) port.nodePort = match.nodePort;
  }
}

/** SetDefaults_NetworkPolicy: ports are TCP; policy types are Ingress, plus Egress when egress rules exist. */
export function defaultNetworkPolicy(spec: Obj): void {
  for (const rule of [...objects(spec.ingress), ...objects(spec.egress)]) for (const port of objects(rule.ports)) port.protocol ??= 'TCP';
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = objects(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

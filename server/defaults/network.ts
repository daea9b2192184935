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

/** The cluster IPs and node ports that stored Services hold (other than the one being written). */
export interface ServiceAllocations {
  ips: Set<string>;
  nodePorts: Set<number>;
}

export function allocationsOf(services: Obj[], exceptUid?: unknown): ServiceAllocations {
  const taken: ServiceAllocations = { ips: new Set(), nodePorts: new Set() };
  for (const svc of services) {
    if (exceptUid !== undefined && child(svc, 'metadata')?.uid === exceptUid) continue;
    const spec = child(svc, 'spec') ?? {};
    for (const ip of Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [spec.clusterIP])
      if (typeof ip === 'string' && ip !== 'None' && ip !== '') taken.ips.add(ip);
    for (const port of objects(spec.ports)) if (typeof port.nodePort === 'number') taken.nodePorts.add(port.nodePort);
  }
  return taken;
}

/** A field that asks for something another Service holds: what the allocator's 422 names. */
export interface AllocationConflict {
  field: string;
  value: string;
  message: string;
}

/**
 * Addresses, families and node ports a new Service is given: the lowest free address of 10.96.0.0/16 (10.96.0.1
 * is the `kubernetes` Service's on a real cluster) and a random free node port in 30000-32767. An address or node
 * port asked for that another Service holds is returned as a conflict, and nothing is allocated.
 */
export function allocateService(spec: Obj, taken: ServiceAllocations): AllocationConflict | undefined {
  if (spec.type === 'ExternalName') return undefined;
  if (spec.clusterIP === undefined && Array.isArray(spec.clusterIPs) && typeof spec.clusterIPs[0] === 'string')
    spec.clusterIP = spec.clusterIPs[0];
  if (typeof spec.clusterIP === 'string' && taken.ips.has(spec.clusterIP)) {
    return {
      field: 'spec.clusterIPs',
      value: `[]string{"${spec.clusterIP}"}`,
      message: `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`,
    };
  }
  const ports = objects(spec.ports);
  const asked = ports.findIndex((p) => typeof p.nodePort === 'number' && taken.nodePorts.has(p.nodePort));
  if (asked >= 0)
    return {
      field: `spec.ports[${asked}].nodePort`,
      value: String(ports[asked]!.nodePort),
      message: 'provided port is already allocated',
    };
  if (spec.clusterIP === undefined || spec.clusterIP === '') {
    let n = 1;
    while (taken.ips.has(serviceIp(n))) n++;
    spec.clusterIP = serviceIp(n);
  }
  spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  // A headless Service without a selector asks for every family the cluster has.
  const headlessWithoutSelector = spec.clusterIP === 'None' && Object.keys(child(spec, 'selector') ?? {}).length === 0;
  spec.ipFamilyPolicy ??= headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack';
  allocateNodePorts(spec, taken);
  return undefined;
}

/** The n-th address after 10.96.0.1. */
function serviceIp(n: number): string {
  return `10.96.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
}

/** Node ports for the ports without one, when the Service type wants them. */
function allocateNodePorts(spec: Obj, taken: ServiceAllocations): void {
  const wantsNodePorts =
    spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  if (!wantsNodePorts) return;
  const used = new Set([
    ...taken.nodePorts,
    ...objects(spec.ports).flatMap((p) => (typeof p.nodePort === 'number' ? [p.nodePort] : [])),
  ]);
  for (const port of objects(spec.ports)) {
    if (port.nodePort !== undefined) continue;
    let candidate = randomInt(30000, 32768);
    while (used.has(candidate)) candidate = candidate === 32767 ? 30000 : candidate + 1;
    port.nodePort = candidate;
    used.add(candidate);
  }
}

/**
 * On update a Service keeps what it was allocated when the new body leaves it out, and a Service that becomes a
 * NodePort or LoadBalancer gets node ports for the ports that have none.
 */
export function keepServiceAllocations(was: Obj, spec: Obj, taken: ServiceAllocations): void {
  for (const key of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy']) {
    if (spec[key] === undefined && was[key] !== undefined) spec[key] = structuredClone(was[key]);
  }
  const before = objects(was.ports);
  for (const port of objects(spec.ports)) {
    const match = before.find((p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (
      port.nodePort === undefined &&
      match?.nodePort !== undefined &&
      (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
    )
      port.nodePort = match.nodePort;
  }
  allocateNodePorts(spec, taken);
}

/** SetDefaults_NetworkPolicy: ports are TCP; policy types are Ingress, plus Egress when egress rules exist. */
export function defaultNetworkPolicy(spec: Obj): void {
  for (const rule of [...objects(spec.ingress), ...objects(spec.egress)])
    for (const port of objects(rule.ports)) port.protocol ??= 'TCP';
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = objects(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

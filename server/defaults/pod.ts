// The field defaults of a pod spec (SetDefaults_* of core/v1 for PodSpec, Container, Probe, Volume and their
// parts), shared by Pods and every pod template, plus what only a Pod gets and the QoS class of its status.
import { isZeroQuantity, sameQuantity } from './quantity.js';
import { at, child, objects, type Obj } from './shape.js';

/** A probe's or lifecycle handler's HTTP action: path `/`, scheme HTTP. */
function defaultHandler(handler: Obj | undefined): void {
  const httpGet = handler && child(handler, 'httpGet');
  if (!httpGet) return;
  httpGet.path ??= '/';
  httpGet.scheme ??= 'HTTP';
}

function defaultProbe(p: Obj | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  defaultHandler(p);
}

/** A downward API field reference names the v1 API unless told otherwise. */
function defaultFieldRef(source: Obj | undefined): void {
  const ref = source && child(source, 'fieldRef');
  if (ref) ref.apiVersion ??= 'v1';
}

/** The defaults of a container: pull policy by tag, termination message, port protocol, probes, handlers. */
function defaultContainer(c: Obj): void {
  const image = typeof c.image === 'string' ? c.image : '';
  const tagged = /:[^/]+$/.test(image.split('@')[0]!) && !image.endsWith(':latest');
  c.imagePullPolicy ??= tagged || image.includes('@') ? 'IfNotPresent' : 'Always';
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const port of objects(c.ports)) port.protocol ??= 'TCP';
  for (const env of objects(c.env)) defaultFieldRef(child(env, 'valueFrom'));
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(child(c, key));
  const lifecycle = child(c, 'lifecycle');
  if (lifecycle) for (const key of ['postStart', 'preStop']) defaultHandler(child(lifecycle, key));
}

/** Volume sources: file modes 0644, host path type "", projected and downward API field references. */
function defaultVolume(v: Obj): void {
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const source = child(v, key);
    if (source) source.defaultMode ??= 420;
  }
  const hostPath = child(v, 'hostPath');
  if (hostPath) hostPath.type ??= '';
  const iscsi = child(v, 'iscsi');
  if (iscsi) iscsi.iscsiInterface ??= 'default';
  const disk = child(v, 'azureDisk');
  if (disk) {
    disk.cachingMode ??= 'ReadWrite';
    disk.fsType ??= 'ext4';
    disk.readOnly ??= false;
    disk.kind ??= 'Shared';
  }
  for (const item of objects(child(v, 'downwardAPI')?.items)) defaultFieldRef(item);
  for (const source of objects(child(v, 'projected')?.sources)) {
    for (const item of objects(child(source, 'downwardAPI')?.items)) defaultFieldRef(item);
    const token = child(source, 'serviceAccountToken');
    if (token) token.expirationSeconds ??= 3600;
  }
  const keys = Object.keys(v).filter((k) => k !== 'name');
  if (keys.length === 0) v.emptyDir = {};
}

/** SetDefaults_PodSpec and what it reaches: containers, init containers, volumes. */
export function defaultPodSpec(spec: Obj): void {
  for (const c of [...objects(spec.containers), ...objects(spec.initContainers)]) defaultContainer(c);
  for (const v of objects(spec.volumes)) defaultVolume(v);
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  // The deprecated serviceAccount field mirrors serviceAccountName both ways, as the v1 conversion does.
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount)
    spec.serviceAccountName = spec.serviceAccount;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName)
    spec.serviceAccount = spec.serviceAccountName;
  // A pod on the host network exposes each container port on the host.
  if (spec.hostNetwork === true) {
    for (const c of [...objects(spec.containers), ...objects(spec.initContainers)])
      for (const port of objects(c.ports)) port.hostPort ??= port.containerPort;
  }
}

/** A pod template's spec (Deployments, Jobs…): the pod spec defaults, and no more. */
export function defaultTemplate(spec: Obj): void {
  const template = child(spec, 'template');
  if (template) defaultPodSpec(at(template, 'spec'));
}

/** SetDefaults_Pod: the pod spec defaults plus service links. */
export function defaultPod(pod: Obj): void {
  const spec = at(pod, 'spec');
  defaultPodSpec(spec);
  spec.enableServiceLinks ??= true;
  // A container's limits without requests request what they limit.
  for (const c of [...objects(spec.containers), ...objects(spec.initContainers)]) {
    const limits = child(at(c, 'resources'), 'limits');
    if (!limits) continue;
    const requests = at(at(c, 'resources'), 'requests');
    for (const [name, quantity] of Object.entries(limits)) requests[name] ??= quantity;
  }
}

/**
 * The QoS class the pod's resources give it, as kube-apiserver records it at create: BestEffort without any non-zero
 * CPU or memory request or limit; Guaranteed when every container limits both and requests what it limits (as an
 * amount: "1" and "1000m" are equal); Burstable otherwise.
 */
export function qosClass(spec: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...objects(spec.containers), ...objects(spec.initContainers)];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const resources = (c.resources ?? {}) as Obj;
    const requests = (resources.requests ?? {}) as Obj;
    const limits = (resources.limits ?? {}) as Obj;
    for (const name of ['cpu', 'memory']) {
      for (const q of [requests[name], limits[name]]) if (q !== undefined && !isZeroQuantity(q)) any = true;
      if (limits[name] === undefined || !sameQuantity(requests[name] ?? limits[name], limits[name])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

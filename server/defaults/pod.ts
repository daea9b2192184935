// The field defaults of a pod spec (SetDefaults_* of core/v1 for PodSpec, Container, Probe, Volume and their
// parts), shared by Pods and every pod template, plus what only a Pod gets and the QoS class of its status.
import { isZeroQuantity, sameQuantity } from './quantity.js';
import { at, child, objects, type Obj } from './shape.js';

/** A probe's or lifecycle handler's HTTP action: path `/`, scheme HTTP. */
function defaultHandler(handler: unknown): void {
  if (!handler || typeof handler !== 'object') return;
  const httpGet = (handler as Obj).httpGet;
  if (httpGet && typeof httpGet === 'object') {
    (httpGet as Obj).path ??= '/';
    (httpGet as Obj).scheme ??= 'HTTP';
  }
}

function defaultProbe(probe: unknown): void {
  if (!probe || typeof probe !== 'object') return;
  const p = probe as Obj;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  defaultHandler(p);
}

/** A downward API field reference names the v1 API unless told otherwise. */
function defaultFieldRef(source: unknown): void {
  const ref = source && typeof source === 'object' ? (source as Obj).fieldRef : undefined;
  if (ref && typeof ref === 'object') (ref as Obj).apiVersion ??= 'v1';
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
  for (const env of objects(c.env)) defaultFieldRef(env.valueFrom);
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[key]);
  const lifecycle = c.lifecycle;
  if (lifecycle && typeof lifecycle === 'object') for (const key of ['postStart', 'preStop']) defaultHandler((lifecycle as Obj)[key]);
}

/** Volume sources: file modes 0644, host path type "", projected and downward API field references. */
function defaultVolume(v: Obj): void {
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const source = v[key];
    if (source && typeof source === 'object') (source as Obj).defaultMode ??= 420;
  }
  if (v.hostPath && typeof v.hostPath === 'object') (v.hostPath as Obj).type ??= '';
  if (v.iscsi && typeof v.iscsi === 'object') (v.iscsi as Obj).iscsiInterface ??= 'default';
  if (v.azureDisk && typeof v.azureDisk === 'object') {
    const disk = v.azureDisk as Obj;
    disk.cachingMode ??= 'ReadWrite';
    disk.fsType ??= 'ext4';
    disk.readOnly ??= false;
    disk.kind ??= 'Shared';
  }
  if (v.downwardAPI && typeof v.downwardAPI === 'object') for (const item of objects((v.downwardAPI as Obj).items)) defaultFieldRef(item);
  if (v.projected && typeof v.projected === 'object') {
    for (const source of objects((v.projected as Obj).sources)) {
      const downward = source.downwardAPI;
      if (downward && typeof downward === 'object') for (const item of objects((downward as Obj).items)) defaultFieldRef(item);
      const token = source.serviceAccountToken;
      if (token && typeof token === 'object') (token as Obj).expirationSeconds ??= 3600;
    }
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
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  // A pod on the host network exposes each container port on the host.
  if (spec.hostNetwork === true) {
    for (const c of [...objects(spec.containers), ...objects(spec.initContainers)]) for (const port of objects(c.ports)) port.hostPort ??= port.containerPort;
  }
}

/** A pod template's spec (Deployments, Jobs…): the pod spec defaults, and no more. */
export function defaultTemplate(spec: Obj): void {
  const template = spec.template;
  if (template && typeof template === 'object') defaultPodSpec(at(template as Obj, 'spec'));
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

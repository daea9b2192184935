// Layouts of the core/v1 messages kubectl's typed commands send (pods and their templates, Services, quotas,
// namespaces, ConfigMaps, Secrets, ServiceAccounts) and of the apps/v1 and batch/v1 specs holding pod templates,
// with kube's field numbers: a `create job --from=cronjob` or `debug --copy-to` body decodes with every field. The
// core/v1 numbers follow k8s.io/api's generated.proto, with fields of later releases added; a field missing here
// is refused, never dropped (protobuf.ts).
import {
  bool,
  bool0,
  inline,
  int,
  int0,
  intOrString,
  ints,
  map,
  message,
  messages,
  str,
  strs,
  time,
  labelSelector,
  objectMeta,
  type Message,
} from './meta.js';
import {
  localObjectReference,
  objectFieldSelector,
  resourceFieldSelector,
  resourceRequirements,
  volume,
} from './volumes.js';

const containerPort: Message = {
  1: str('name'),
  2: int0('hostPort'),
  3: int('containerPort'),
  4: str('protocol'),
  5: str('hostIP'),
};
const configMapEnvSource: Message = { 1: inline('localObjectReference', localObjectReference), 2: bool('optional') };
const secretEnvSource: Message = { 1: inline('localObjectReference', localObjectReference), 2: bool('optional') };
const envFromSource: Message = {
  1: str('prefix'),
  2: message('configMapRef', configMapEnvSource),
  3: message('secretRef', secretEnvSource),
};
const configMapKeySelector: Message = {
  1: inline('localObjectReference', localObjectReference),
  2: str('key'),
  3: bool('optional'),
};
const secretKeySelector: Message = {
  1: inline('localObjectReference', localObjectReference),
  2: str('key'),
  3: bool('optional'),
};
const envVarSource: Message = {
  1: message('fieldRef', objectFieldSelector),
  2: message('resourceFieldRef', resourceFieldSelector),
  3: message('configMapKeyRef', configMapKeySelector),
  4: message('secretKeyRef', secretKeySelector),
};
const envVar: Message = { 1: str('name'), 2: str('value'), 3: message('valueFrom', envVarSource) };
const volumeMount: Message = {
  1: str('name'),
  2: bool0('readOnly'),
  3: str('mountPath'),
  4: str('subPath'),
  5: str('mountPropagation'),
  6: str('subPathExpr'),
};
const volumeDevice: Message = { 1: str('name'), 2: str('devicePath') };
const execAction: Message = { 1: strs('command') };
const hTTPHeader: Message = { 1: str('name'), 2: str('value') };
const hTTPGetAction: Message = {
  1: str('path'),
  2: intOrString('port'),
  3: str('host'),
  4: str('scheme'),
  5: messages('httpHeaders', hTTPHeader),
};
const tCPSocketAction: Message = { 1: intOrString('port'), 2: str('host') };
const grpcAction: Message = { 1: int('port'), 2: str('service') };
const probeHandler: Message = {
  1: message('exec', execAction),
  2: message('httpGet', hTTPGetAction),
  3: message('tcpSocket', tCPSocketAction),
  4: message('grpc', grpcAction),
};
const sleepAction: Message = { 1: int('seconds') };
const lifecycleHandler: Message = {
  1: message('exec', execAction),
  2: message('httpGet', hTTPGetAction),
  3: message('tcpSocket', tCPSocketAction),
  4: message('sleep', sleepAction),
};
const probe: Message = {
  1: inline('handler', probeHandler),
  2: int0('initialDelaySeconds'),
  3: int0('timeoutSeconds'),
  4: int0('periodSeconds'),
  5: int0('successThreshold'),
  6: int0('failureThreshold'),
  7: int('terminationGracePeriodSeconds'),
};
const lifecycle: Message = { 1: message('postStart', lifecycleHandler), 2: message('preStop', lifecycleHandler) };
const capabilities: Message = { 1: strs('add'), 2: strs('drop') };
const sELinuxOptions: Message = { 1: str('user'), 2: str('role'), 3: str('type'), 4: str('level') };
const windowsSecurityContextOptions: Message = {
  1: str('gmsaCredentialSpecName'),
  2: str('gmsaCredentialSpec'),
  3: str('runAsUserName'),
};
const seccompProfile: Message = { 1: str('type'), 2: str('localhostProfile') };
const appArmorProfile: Message = { 1: str('type'), 2: str('localhostProfile') };
const securityContext: Message = {
  1: message('capabilities', capabilities),
  2: bool('privileged'),
  3: message('seLinuxOptions', sELinuxOptions),
  4: int('runAsUser'),
  5: bool('runAsNonRoot'),
  6: bool('readOnlyRootFilesystem'),
  7: bool('allowPrivilegeEscalation'),
  8: int('runAsGroup'),
  9: str('procMount'),
  10: message('windowsOptions', windowsSecurityContextOptions),
  11: message('seccompProfile', seccompProfile),
  12: message('appArmorProfile', appArmorProfile),
};
const containerResizePolicy: Message = { 1: str('resourceName'), 2: str('restartPolicy') };
const container: Message = {
  1: str('name'),
  2: str('image'),
  3: strs('command'),
  4: strs('args'),
  5: str('workingDir'),
  6: messages('ports', containerPort),
  7: messages('env', envVar),
  8: message('resources', resourceRequirements),
  9: messages('volumeMounts', volumeMount),
  10: message('livenessProbe', probe),
  11: message('readinessProbe', probe),
  12: message('lifecycle', lifecycle),
  13: str('terminationMessagePath'),
  14: str('imagePullPolicy'),
  15: message('securityContext', securityContext),
  16: bool0('stdin'),
  17: bool0('stdinOnce'),
  18: bool0('tty'),
  19: messages('envFrom', envFromSource),
  20: str('terminationMessagePolicy'),
  21: messages('volumeDevices', volumeDevice),
  22: message('startupProbe', probe),
  23: messages('resizePolicy', containerResizePolicy),
  24: str('restartPolicy'),
};
const ephemeralContainer: Message = { 1: inline('ephemeralContainerCommon', container), 2: str('targetContainerName') };
const sysctl: Message = { 1: str('name'), 2: str('value') };
const podSecurityContext: Message = {
  1: message('seLinuxOptions', sELinuxOptions),
  2: int('runAsUser'),
  3: bool('runAsNonRoot'),
  4: ints('supplementalGroups'),
  5: int('fsGroup'),
  6: int('runAsGroup'),
  7: messages('sysctls', sysctl),
  8: message('windowsOptions', windowsSecurityContextOptions),
  9: str('fsGroupChangePolicy'),
  10: message('seccompProfile', seccompProfile),
  11: message('appArmorProfile', appArmorProfile),
};
const nodeSelectorRequirement: Message = { 1: str('key'), 2: str('operator'), 3: strs('values') };
const nodeSelectorTerm: Message = {
  1: messages('matchExpressions', nodeSelectorRequirement),
  2: messages('matchFields', nodeSelectorRequirement),
};
const nodeSelector: Message = { 1: messages('nodeSelectorTerms', nodeSelectorTerm) };
const preferredSchedulingTerm: Message = { 1: int('weight'), 2: message('preference', nodeSelectorTerm) };
const nodeAffinity: Message = {
  1: message('requiredDuringSchedulingIgnoredDuringExecution', nodeSelector),
  2: messages('preferredDuringSchedulingIgnoredDuringExecution', preferredSchedulingTerm),
};
const podAffinityTerm: Message = {
  1: message('labelSelector', labelSelector),
  2: strs('namespaces'),
  3: str('topologyKey'),
  4: message('namespaceSelector', labelSelector),
  5: strs('matchLabelKeys'),
  6: strs('mismatchLabelKeys'),
};
const weightedPodAffinityTerm: Message = { 1: int('weight'), 2: message('podAffinityTerm', podAffinityTerm) };
/** PodAffinity and PodAntiAffinity: the same two lists. */
const podAffinity: Message = {
  1: messages('requiredDuringSchedulingIgnoredDuringExecution', podAffinityTerm),
  2: messages('preferredDuringSchedulingIgnoredDuringExecution', weightedPodAffinityTerm),
};
const affinity: Message = {
  1: message('nodeAffinity', nodeAffinity),
  2: message('podAffinity', podAffinity),
  3: message('podAntiAffinity', podAffinity),
};
const toleration: Message = {
  1: str('key'),
  2: str('operator'),
  3: str('value'),
  4: str('effect'),
  5: int('tolerationSeconds'),
};
const hostAlias: Message = { 1: str('ip'), 2: strs('hostnames') };
const podDNSConfigOption: Message = { 1: str('name'), 2: str('value') };
const podDNSConfig: Message = {
  1: strs('nameservers'),
  2: strs('searches'),
  3: messages('options', podDNSConfigOption),
};
const podReadinessGate: Message = { 1: str('conditionType') };
const topologySpreadConstraint: Message = {
  1: int('maxSkew'),
  2: str('topologyKey'),
  3: str('whenUnsatisfiable'),
  4: message('labelSelector', labelSelector),
  5: int('minDomains'),
  6: str('nodeAffinityPolicy'),
  7: str('nodeTaintsPolicy'),
  8: strs('matchLabelKeys'),
};
const podOS: Message = { 1: str('name') };
const podSchedulingGate: Message = { 1: str('name') };
const podSpec: Message = {
  1: messages('volumes', volume),
  2: messages('containers', container),
  3: str('restartPolicy'),
  4: int('terminationGracePeriodSeconds'),
  5: int('activeDeadlineSeconds'),
  6: str('dnsPolicy'),
  7: map('nodeSelector', 'string'),
  8: str('serviceAccountName'),
  9: str('serviceAccount'),
  10: str('nodeName'),
  11: bool0('hostNetwork'),
  12: bool0('hostPID'),
  13: bool0('hostIPC'),
  14: message('securityContext', podSecurityContext),
  15: messages('imagePullSecrets', localObjectReference),
  16: str('hostname'),
  17: str('subdomain'),
  18: message('affinity', affinity),
  19: str('schedulerName'),
  20: messages('initContainers', container),
  21: bool('automountServiceAccountToken'),
  22: messages('tolerations', toleration),
  23: messages('hostAliases', hostAlias),
  24: str('priorityClassName'),
  25: int('priority'),
  26: message('dnsConfig', podDNSConfig),
  27: bool('shareProcessNamespace'),
  28: messages('readinessGates', podReadinessGate),
  29: str('runtimeClassName'),
  30: bool('enableServiceLinks'),
  31: str('preemptionPolicy'),
  32: map('overhead', 'quantity'),
  33: messages('topologySpreadConstraints', topologySpreadConstraint),
  34: messages('ephemeralContainers', ephemeralContainer),
  35: bool('setHostnameAsFQDN'),
  36: message('os', podOS),
  37: bool('hostUsers'),
  38: messages('schedulingGates', podSchedulingGate),
};
const podCondition: Message = {
  1: str('type'),
  2: str('status'),
  3: time('lastProbeTime'),
  4: time('lastTransitionTime'),
  5: str('reason'),
  6: str('message'),
};
const podIP: Message = { 1: str('ip') };
const containerStateWaiting: Message = { 1: str('reason'), 2: str('message') };
const containerStateRunning: Message = { 1: time('startedAt') };
const containerStateTerminated: Message = {
  1: int('exitCode'),
  2: int0('signal'),
  3: str('reason'),
  4: str('message'),
  5: time('startedAt'),
  6: time('finishedAt'),
  7: str('containerID'),
};
const containerState: Message = {
  1: message('waiting', containerStateWaiting),
  2: message('running', containerStateRunning),
  3: message('terminated', containerStateTerminated),
};
const containerStatus: Message = {
  1: str('name'),
  2: message('state', containerState),
  3: message('lastState', containerState),
  4: bool('ready'),
  5: int('restartCount'),
  6: str('image'),
  7: str('imageID'),
  8: str('containerID'),
  9: bool('started'),
};
const podStatus: Message = {
  1: str('phase'),
  2: messages('conditions', podCondition),
  3: str('message'),
  4: str('reason'),
  5: str('hostIP'),
  6: str('podIP'),
  7: time('startTime'),
  8: messages('containerStatuses', containerStatus),
  9: str('qosClass'),
  10: messages('initContainerStatuses', containerStatus),
  11: str('nominatedNodeName'),
  12: messages('podIPs', podIP),
  13: messages('ephemeralContainerStatuses', containerStatus),
};
export const pod: Message = {
  1: message('metadata', objectMeta),
  2: message('spec', podSpec),
  3: message('status', podStatus),
};
export const podTemplateSpec: Message = { 1: message('metadata', objectMeta), 2: message('spec', podSpec) };
const servicePort: Message = {
  1: str('name'),
  2: str('protocol'),
  3: int('port'),
  4: intOrString('targetPort'),
  5: int0('nodePort'),
  6: str('appProtocol'),
};
const clientIPConfig: Message = { 1: int('timeoutSeconds') };
const sessionAffinityConfig: Message = { 1: message('clientIP', clientIPConfig) };
export const serviceSpec: Message = {
  1: messages('ports', servicePort),
  2: map('selector', 'string'),
  3: str('clusterIP'),
  4: str('type'),
  5: strs('externalIPs'),
  7: str('sessionAffinity'),
  8: str('loadBalancerIP'),
  9: strs('loadBalancerSourceRanges'),
  10: str('externalName'),
  11: str('externalTrafficPolicy'),
  12: int0('healthCheckNodePort'),
  13: bool0('publishNotReadyAddresses'),
  14: message('sessionAffinityConfig', sessionAffinityConfig),
  16: strs('topologyKeys'),
  17: str('ipFamilyPolicy'),
  18: strs('clusterIPs'),
  19: strs('ipFamilies'),
  20: bool('allocateLoadBalancerNodePorts'),
  21: str('loadBalancerClass'),
  22: str('internalTrafficPolicy'),
};
const scopedResourceSelectorRequirement: Message = { 1: str('scopeName'), 2: str('operator'), 3: strs('values') };
const scopeSelector: Message = { 1: messages('matchExpressions', scopedResourceSelectorRequirement) };
export const resourceQuotaSpec: Message = {
  1: map('hard', 'quantity'),
  2: strs('scopes'),
  3: message('scopeSelector', scopeSelector),
};
export const namespaceSpec: Message = { 1: strs('finalizers') };
const namespaceCondition: Message = {
  1: str('type'),
  2: str('status'),
  4: time('lastTransitionTime'),
  5: str('reason'),
  6: str('message'),
};
export const namespaceStatus: Message = { 1: str('phase'), 2: messages('conditions', namespaceCondition) };
export const configMap: Message = {
  1: message('metadata', objectMeta),
  2: map('data', 'string'),
  3: map('binaryData', 'bytes'),
  4: bool('immutable'),
};
export const secret: Message = {
  1: message('metadata', objectMeta),
  2: map('data', 'bytes'),
  3: str('type'),
  4: map('stringData', 'string'),
  5: bool('immutable'),
};
const objectReference: Message = {
  1: str('kind'),
  2: str('namespace'),
  3: str('name'),
  4: str('uid'),
  5: str('apiVersion'),
  6: str('resourceVersion'),
  7: str('fieldPath'),
};
export const serviceAccount: Message = {
  1: message('metadata', objectMeta),
  2: messages('secrets', objectReference),
  3: messages('imagePullSecrets', localObjectReference),
  4: bool('automountServiceAccountToken'),
};

const podFailurePolicyOnExitCodes: Message = { 1: str('containerName'), 2: str('operator'), 3: ints('values') };
const podFailurePolicyOnPodConditions: Message = { 1: str('type'), 2: str('status') };
const podFailurePolicyRule: Message = {
  1: str('action'),
  2: message('onExitCodes', podFailurePolicyOnExitCodes),
  3: messages('onPodConditions', podFailurePolicyOnPodConditions),
};
const successPolicyRule: Message = { 1: str('succeededIndexes'), 2: int('succeededCount') };

export const jobSpec: Message = {
  1: int('parallelism'),
  2: int('completions'),
  3: int('activeDeadlineSeconds'),
  4: message('selector', labelSelector),
  5: bool('manualSelector'),
  6: message('template', podTemplateSpec),
  7: int('backoffLimit'),
  8: int('ttlSecondsAfterFinished'),
  9: str('completionMode'),
  10: bool('suspend'),
  11: message('podFailurePolicy', { 1: messages('rules', podFailurePolicyRule) }),
  12: int('backoffLimitPerIndex'),
  13: int('maxFailedIndexes'),
  14: str('podReplacementPolicy'),
  15: str('managedBy'),
  16: message('successPolicy', { 1: messages('rules', successPolicyRule) }),
};

export const cronJobSpec: Message = {
  1: str('schedule'),
  2: int('startingDeadlineSeconds'),
  3: str('concurrencyPolicy'),
  4: bool('suspend'),
  5: message('jobTemplate', { 1: message('metadata', objectMeta), 2: message('spec', jobSpec) }),
  6: int('successfulJobsHistoryLimit'),
  7: int('failedJobsHistoryLimit'),
  8: str('timeZone'),
};

const deploymentStrategy: Message = {
  1: str('type'),
  2: message('rollingUpdate', { 1: intOrString('maxUnavailable'), 2: intOrString('maxSurge') }),
};

export const deploymentSpec: Message = {
  1: int('replicas'),
  2: message('selector', labelSelector),
  3: message('template', podTemplateSpec),
  4: message('strategy', deploymentStrategy),
  5: int0('minReadySeconds'),
  6: int('revisionHistoryLimit'),
  7: bool0('paused'),
  9: int('progressDeadlineSeconds'),
};

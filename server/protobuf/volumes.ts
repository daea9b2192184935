// Layouts of a pod's volumes and what they reference (every volume source of core/v1), with kube's field
// numbers; the rest of the pod is in protobuf-core.ts.
import {
  bool,
  bool0,
  inline,
  int,
  int0,
  map,
  message,
  messages,
  quantity,
  str,
  strs,
  objectMeta,
  labelSelector,
  type Message,
} from './meta.js';

const hostPathVolumeSource: Message = { 1: str('path'), 2: str('type') };
const emptyDirVolumeSource: Message = { 1: str('medium'), 2: quantity('sizeLimit') };
const gCEPersistentDiskVolumeSource: Message = {
  1: str('pdName'),
  2: str('fsType'),
  3: int0('partition'),
  4: bool0('readOnly'),
};
const aWSElasticBlockStoreVolumeSource: Message = {
  1: str('volumeID'),
  2: str('fsType'),
  3: int0('partition'),
  4: bool0('readOnly'),
};
const gitRepoVolumeSource: Message = { 1: str('repository'), 2: str('revision'), 3: str('directory') };
const keyToPath: Message = { 1: str('key'), 2: str('path'), 3: int('mode') };
const secretVolumeSource: Message = {
  1: str('secretName'),
  2: messages('items', keyToPath),
  3: int('defaultMode'),
  4: bool('optional'),
};
const nFSVolumeSource: Message = { 1: str('server'), 2: str('path'), 3: bool0('readOnly') };
export const localObjectReference: Message = { 1: str('name') };
const iSCSIVolumeSource: Message = {
  1: str('targetPortal'),
  2: str('iqn'),
  3: int('lun'),
  4: str('iscsiInterface'),
  5: str('fsType'),
  6: bool0('readOnly'),
  7: strs('portals'),
  8: bool0('chapAuthDiscovery'),
  10: message('secretRef', localObjectReference),
  11: bool0('chapAuthSession'),
  12: str('initiatorName'),
};
const glusterfsVolumeSource: Message = { 1: str('endpoints'), 2: str('path'), 3: bool0('readOnly') };
const persistentVolumeClaimVolumeSource: Message = { 1: str('claimName'), 2: bool0('readOnly') };
const rBDVolumeSource: Message = {
  1: strs('monitors'),
  2: str('image'),
  3: str('fsType'),
  4: str('pool'),
  5: str('user'),
  6: str('keyring'),
  7: message('secretRef', localObjectReference),
  8: bool0('readOnly'),
};
const flexVolumeSource: Message = {
  1: str('driver'),
  2: str('fsType'),
  3: message('secretRef', localObjectReference),
  4: bool0('readOnly'),
  5: map('options', 'string'),
};
const cinderVolumeSource: Message = {
  1: str('volumeID'),
  2: str('fsType'),
  3: bool0('readOnly'),
  4: message('secretRef', localObjectReference),
};
const cephFSVolumeSource: Message = {
  1: strs('monitors'),
  2: str('path'),
  3: str('user'),
  4: str('secretFile'),
  5: message('secretRef', localObjectReference),
  6: bool0('readOnly'),
};
const flockerVolumeSource: Message = { 1: str('datasetName'), 2: str('datasetUUID') };
export const objectFieldSelector: Message = { 1: str('apiVersion'), 2: str('fieldPath') };
export const resourceFieldSelector: Message = { 1: str('containerName'), 2: str('resource'), 3: quantity('divisor') };
const downwardAPIVolumeFile: Message = {
  1: str('path'),
  2: message('fieldRef', objectFieldSelector),
  3: message('resourceFieldRef', resourceFieldSelector),
  4: int('mode'),
};
const downwardAPIVolumeSource: Message = { 1: messages('items', downwardAPIVolumeFile), 2: int('defaultMode') };
const fCVolumeSource: Message = {
  1: strs('targetWWNs'),
  2: int('lun'),
  3: str('fsType'),
  4: bool0('readOnly'),
  5: strs('wwids'),
};
const azureFileVolumeSource: Message = { 1: str('secretName'), 2: str('shareName'), 3: bool0('readOnly') };
const configMapVolumeSource: Message = {
  1: inline('localObjectReference', localObjectReference),
  2: messages('items', keyToPath),
  3: int('defaultMode'),
  4: bool('optional'),
};
const vsphereVirtualDiskVolumeSource: Message = {
  1: str('volumePath'),
  2: str('fsType'),
  3: str('storagePolicyName'),
  4: str('storagePolicyID'),
};
const quobyteVolumeSource: Message = {
  1: str('registry'),
  2: str('volume'),
  3: bool0('readOnly'),
  4: str('user'),
  5: str('group'),
  6: str('tenant'),
};
const azureDiskVolumeSource: Message = {
  1: str('diskName'),
  2: str('diskURI'),
  3: str('cachingMode'),
  4: str('fsType'),
  5: bool('readOnly'),
  6: str('kind'),
};
const photonPersistentDiskVolumeSource: Message = { 1: str('pdID'), 2: str('fsType') };
const secretProjection: Message = {
  1: inline('localObjectReference', localObjectReference),
  2: messages('items', keyToPath),
  4: bool('optional'),
};
const downwardAPIProjection: Message = { 1: messages('items', downwardAPIVolumeFile) };
const configMapProjection: Message = {
  1: inline('localObjectReference', localObjectReference),
  2: messages('items', keyToPath),
  4: bool('optional'),
};
const serviceAccountTokenProjection: Message = { 1: str('audience'), 2: int('expirationSeconds'), 3: str('path') };
const volumeProjection: Message = {
  1: message('secret', secretProjection),
  2: message('downwardAPI', downwardAPIProjection),
  3: message('configMap', configMapProjection),
  4: message('serviceAccountToken', serviceAccountTokenProjection),
};
const projectedVolumeSource: Message = { 1: messages('sources', volumeProjection), 2: int('defaultMode') };
const portworxVolumeSource: Message = { 1: str('volumeID'), 2: str('fsType'), 3: bool0('readOnly') };
const scaleIOVolumeSource: Message = {
  1: str('gateway'),
  2: str('system'),
  3: message('secretRef', localObjectReference),
  4: bool0('sslEnabled'),
  5: str('protectionDomain'),
  6: str('storagePool'),
  7: str('storageMode'),
  8: str('volumeName'),
  9: str('fsType'),
  10: bool0('readOnly'),
};
const storageOSVolumeSource: Message = {
  1: str('volumeName'),
  2: str('volumeNamespace'),
  3: str('fsType'),
  4: bool0('readOnly'),
  5: message('secretRef', localObjectReference),
};
const cSIVolumeSource: Message = {
  1: str('driver'),
  2: bool('readOnly'),
  3: str('fsType'),
  4: map('volumeAttributes', 'string'),
  5: message('nodePublishSecretRef', localObjectReference),
};
const resourceClaim: Message = { 1: str('name'), 2: str('request') };
export const resourceRequirements: Message = {
  1: map('limits', 'quantity'),
  2: map('requests', 'quantity'),
  3: messages('claims', resourceClaim),
};
const typedLocalObjectReference: Message = { 1: str('apiGroup'), 2: str('kind'), 3: str('name') };
const persistentVolumeClaimSpec: Message = {
  1: strs('accessModes'),
  2: message('resources', resourceRequirements),
  3: str('volumeName'),
  4: message('selector', labelSelector),
  5: str('storageClassName'),
  6: str('volumeMode'),
  7: message('dataSource', typedLocalObjectReference),
};
const persistentVolumeClaimTemplate: Message = {
  1: message('metadata', objectMeta),
  2: message('spec', persistentVolumeClaimSpec),
};
const ephemeralVolumeSource: Message = { 1: message('volumeClaimTemplate', persistentVolumeClaimTemplate) };
const volumeSource: Message = {
  1: message('hostPath', hostPathVolumeSource),
  2: message('emptyDir', emptyDirVolumeSource),
  3: message('gcePersistentDisk', gCEPersistentDiskVolumeSource),
  4: message('awsElasticBlockStore', aWSElasticBlockStoreVolumeSource),
  5: message('gitRepo', gitRepoVolumeSource),
  6: message('secret', secretVolumeSource),
  7: message('nfs', nFSVolumeSource),
  8: message('iscsi', iSCSIVolumeSource),
  9: message('glusterfs', glusterfsVolumeSource),
  10: message('persistentVolumeClaim', persistentVolumeClaimVolumeSource),
  11: message('rbd', rBDVolumeSource),
  12: message('flexVolume', flexVolumeSource),
  13: message('cinder', cinderVolumeSource),
  14: message('cephfs', cephFSVolumeSource),
  15: message('flocker', flockerVolumeSource),
  16: message('downwardAPI', downwardAPIVolumeSource),
  17: message('fc', fCVolumeSource),
  18: message('azureFile', azureFileVolumeSource),
  19: message('configMap', configMapVolumeSource),
  20: message('vsphereVolume', vsphereVirtualDiskVolumeSource),
  21: message('quobyte', quobyteVolumeSource),
  22: message('azureDisk', azureDiskVolumeSource),
  23: message('photonPersistentDisk', photonPersistentDiskVolumeSource),
  24: message('portworxVolume', portworxVolumeSource),
  25: message('scaleIO', scaleIOVolumeSource),
  26: message('projected', projectedVolumeSource),
  27: message('storageos', storageOSVolumeSource),
  28: message('csi', cSIVolumeSource),
  29: message('ephemeral', ephemeralVolumeSource),
};
export const volume: Message = { 1: str('name'), 2: inline('volumeSource', volumeSource) };

// The fields of ObjectMeta and of a resource's root, which CRD schemas leave undeclared (kube-apiserver
// validates metadata itself and accepts apiVersion/kind at every resource root and embedded resource).

export const objectMetaFields: ReadonlyMap<string, string> = new Map([
  ['name', 'string'],
  ['generateName', 'string'],
  ['namespace', 'string'],
  ['selfLink', 'string'],
  ['uid', 'string'],
  ['resourceVersion', 'string'],
  ['generation', 'integer'],
  ['creationTimestamp', 'string'],
  ['deletionTimestamp', 'string'],
  ['deletionGracePeriodSeconds', 'integer'],
  ['labels', 'object'],
  ['annotations', 'object'],
  ['ownerReferences', 'array'],
  ['finalizers', 'array'],
  ['managedFields', 'array'],
]);

export const resourceRootFields: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

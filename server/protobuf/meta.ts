// How protobuf message layouts are written: each field number names its JSON member and how its value decodes.
// Also the apimachinery messages every object carries (ObjectMeta, LabelSelector), with kube's field numbers.

export type FieldType =
  | 'string'
  | 'bytes'
  | 'int'
  | 'bool'
  | 'time'
  | 'intOrString'
  | 'quantity'
  | 'rawJson'
  | { message: Message }
  | { inline: Message }
  | { map: 'string' | 'bytes' | 'quantity' };

export interface Field {
  name: string;
  type: FieldType;
  repeated?: boolean;
  /**
   * Encoders write a plain (non-pointer) Go field even when it is zero, and its JSON leaves the zero out; a pointer
   * field is written only when set, and then even 0 or false is meant (`replicas: 0`, `automountServiceAccountToken:
   * false`). Zero values of a field marked here are dropped; of any other, kept.
   */
  omitZero?: boolean;
}

export type Message = Record<number, Field>;

export const str = (name: string): Field => ({ name, type: 'string' });
export const strs = (name: string): Field => ({ name, type: 'string', repeated: true });
export const int = (name: string): Field => ({ name, type: 'int' });
/** A plain int32/int64 field (see `omitZero`). */
export const int0 = (name: string): Field => ({ name, type: 'int', omitZero: true });
export const ints = (name: string): Field => ({ name, type: 'int', repeated: true });
export const bool = (name: string): Field => ({ name, type: 'bool' });
/** A plain bool field (see `omitZero`). */
export const bool0 = (name: string): Field => ({ name, type: 'bool', omitZero: true });
export const bytes = (name: string): Field => ({ name, type: 'bytes' });
export const time = (name: string): Field => ({ name, type: 'time' });
export const quantity = (name: string): Field => ({ name, type: 'quantity' });
export const intOrString = (name: string): Field => ({ name, type: 'intOrString' });
export const message = (name: string, layout: Message): Field => ({ name, type: { message: layout } });
export const messages = (name: string, layout: Message): Field => ({ name, type: { message: layout }, repeated: true });
/** A Go struct embedded with `json:",inline"`: its fields appear in the parent's JSON. */
export const inline = (name: string, layout: Message): Field => ({ name, type: { inline: layout } });
export const map = (name: string, values: 'string' | 'bytes' | 'quantity'): Field => ({ name, type: { map: values } });

const ownerReference: Message = {
  1: str('kind'),
  3: str('name'),
  4: str('uid'),
  5: str('apiVersion'),
  6: bool('controller'),
  7: bool('blockOwnerDeletion'),
};

const managedFieldsEntry: Message = {
  1: str('manager'),
  2: str('operation'),
  3: str('apiVersion'),
  4: time('time'),
  6: str('fieldsType'),
  7: { name: 'fieldsV1', type: 'rawJson' },
  8: str('subresource'),
};

export const objectMeta: Message = {
  1: str('name'),
  2: str('generateName'),
  3: str('namespace'),
  5: str('uid'),
  6: str('resourceVersion'),
  7: int0('generation'),
  8: time('creationTimestamp'),
  9: time('deletionTimestamp'),
  10: int('deletionGracePeriodSeconds'),
  11: map('labels', 'string'),
  12: map('annotations', 'string'),
  13: messages('ownerReferences', ownerReference),
  14: strs('finalizers'),
  17: messages('managedFields', managedFieldsEntry),
};

const labelSelectorRequirement: Message = { 1: str('key'), 2: str('operator'), 3: strs('values') };

export const labelSelector: Message = {
  1: map('matchLabels', 'string'),
  2: messages('matchExpressions', labelSelectorRequirement),
};

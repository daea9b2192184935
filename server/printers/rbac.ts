// Printer columns of RBAC kinds and CustomResourceDefinitions (roles and CRDs have no printer of their own, so
// kube-apiserver shows their name and creation time).
import type { KubeObject } from '../storage/store.js';
import { ageColumn, col, createdAtColumns, list, nameColumn, str, wide, type Column } from './columns.js';

function subjects(kind: string) {
  return (o: KubeObject) =>
    list<{ kind?: string; name?: string; namespace?: string }>(o, 'subjects')
      .filter((s) => s.kind === kind)
      .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name ?? ''}` : (s.name ?? '')))
      .join(', ');
}

const bindingColumns: Column[] = [
  nameColumn,
  col('Role', 'string', (o) => `${str(o, 'roleRef.kind')}/${str(o, 'roleRef.name')}`),
  ageColumn,
  wide('Users', subjects('User')),
  wide('Groups', subjects('Group')),
  wide('ServiceAccounts', subjects('ServiceAccount')),
];

export const rbacColumns: Record<string, Column[]> = {
  'rbac.authorization.k8s.io/Role': createdAtColumns,
  'rbac.authorization.k8s.io/ClusterRole': createdAtColumns,
  'rbac.authorization.k8s.io/RoleBinding': bindingColumns,
  'rbac.authorization.k8s.io/ClusterRoleBinding': bindingColumns,
  'apiextensions.k8s.io/CustomResourceDefinition': createdAtColumns,
};

// The short names and categories kube-apiserver reports in discovery for its built-in resources. OpenAPI does
// not carry them, yet kubectl users type `po`, `deploy`, `kubectl get all`: clients and the test server need them.
// Keyed by `<apiGroup>/<plural>` (core as `''`); every version of a resource shares its names, as in the server.

export interface DiscoveryNames {
  shortNames: string[];
  categories: string[];
}

const all = ['all'];
const apiExtensions = ['api-extensions'];

const table: Record<string, { shortNames?: string[]; categories?: string[] }> = {
  // core
  '/componentstatuses': { shortNames: ['cs'] },
  '/configmaps': { shortNames: ['cm'] },
  '/endpoints': { shortNames: ['ep'] },
  '/events': { shortNames: ['ev'] },
  '/limitranges': { shortNames: ['limits'] },
  '/namespaces': { shortNames: ['ns'] },
  '/nodes': { shortNames: ['no'] },
  '/persistentvolumeclaims': { shortNames: ['pvc'] },
  '/persistentvolumes': { shortNames: ['pv'] },
  '/pods': { shortNames: ['po'], categories: all },
  '/replicationcontrollers': { shortNames: ['rc'], categories: all },
  '/resourcequotas': { shortNames: ['quota'] },
  '/serviceaccounts': { shortNames: ['sa'] },
  '/services': { shortNames: ['svc'], categories: all },
  // apps
  'apps/daemonsets': { shortNames: ['ds'], categories: all },
  'apps/deployments': { shortNames: ['deploy'], categories: all },
  'apps/replicasets': { shortNames: ['rs'], categories: all },
  'apps/statefulsets': { shortNames: ['sts'], categories: all },
  // workloads and scaling
  'autoscaling/horizontalpodautoscalers': { shortNames: ['hpa'], categories: all },
  'batch/cronjobs': { shortNames: ['cj'], categories: all },
  'batch/jobs': { categories: all },
  // networking, policy, scheduling, storage, certificates, events
  'networking.k8s.io/ingresses': { shortNames: ['ing'] },
  'networking.k8s.io/networkpolicies': { shortNames: ['netpol'] },
  'networking.k8s.io/ipaddresses': { shortNames: ['ip'] },
  'policy/poddisruptionbudgets': { shortNames: ['pdb'] },
  'policy/podsecuritypolicies': { shortNames: ['psp'] },
  'scheduling.k8s.io/priorityclasses': { shortNames: ['pc'] },
  'storage.k8s.io/storageclasses': { shortNames: ['sc'] },
  'storage.k8s.io/volumeattributesclasses': { shortNames: ['vac'] },
  'certificates.k8s.io/certificatesigningrequests': { shortNames: ['csr'] },
  'events.k8s.io/events': { shortNames: ['ev'] },
  // API extension points: `kubectl get api-extensions`
  'apiextensions.k8s.io/customresourcedefinitions': { shortNames: ['crd', 'crds'], categories: apiExtensions },
  'apiregistration.k8s.io/apiservices': { categories: apiExtensions },
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': { categories: apiExtensions },
  'admissionregistration.k8s.io/validatingwebhookconfigurations': { categories: apiExtensions },
  'admissionregistration.k8s.io/validatingadmissionpolicies': { categories: apiExtensions },
  'admissionregistration.k8s.io/validatingadmissionpolicybindings': { categories: apiExtensions },
  'admissionregistration.k8s.io/mutatingadmissionpolicies': { categories: apiExtensions },
  'admissionregistration.k8s.io/mutatingadmissionpolicybindings': { categories: apiExtensions },
};

/** The built-in resource's short names and categories; empty for anything the table does not know. */
export function builtinDiscoveryNames(apiGroup: string, plural: string): DiscoveryNames {
  const entry = table[`${apiGroup}/${plural}`];
  return { shortNames: [...(entry?.shortNames ?? [])], categories: [...(entry?.categories ?? [])] };
}

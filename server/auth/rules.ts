// What a SelfSubjectRulesReview lists. The default authorizer lets everyone do everything, which is what
// kube-apiserver's RBAC grants a system:masters user (cluster-admin, plus the roles every authenticated user has);
// anonymous users may read the public paths; a custom authorize function cannot be enumerated, so the answer lists
// only what every authenticated user may do and is incomplete, as it is for real authorizers that cannot list rules.
import { anonymousUser, publicInfoPaths, selfReviews, type AuthOptions, type UserInfo } from './authenticate.js';

interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
}

interface NonResourceRule {
  verbs: string[];
  nonResourceURLs: string[];
}

const discoveryPaths = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/healthz',
  '/livez',
  '/openapi',
  '/openapi/*',
  '/readyz',
  '/version',
  '/version/',
];

/** cluster-admin, then system:basic-user, system:discovery and system:public-info-viewer. */
function administratorRules(): { resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[] } {
  return {
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, ...basicUserRules()],
    nonResourceRules: [
      { verbs: ['*'], nonResourceURLs: ['*'] },
      { verbs: ['get'], nonResourceURLs: discoveryPaths },
      { verbs: ['get'], nonResourceURLs: publicInfoPaths() },
    ],
  };
}

function basicUserRules(): ResourceRule[] {
  return Object.entries(selfReviews).map(([group, resources]) => ({
    verbs: ['create'],
    apiGroups: [group],
    resources,
  }));
}

export function enumerableRules(user: UserInfo, auth: AuthOptions | undefined): Record<string, unknown> {
  if (auth && user.username === anonymousUser.username) {
    return {
      resourceRules: [],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: publicInfoPaths() }],
      incomplete: false,
    };
  }
  if (auth?.authorize) {
    return {
      resourceRules: basicUserRules(),
      nonResourceRules: [],
      incomplete: true,
      evaluationError: 'the authorizer of this server does not support user rule resolution',
    };
  }
  return { ...administratorRules(), incomplete: false };
}

// The runtime's own version, read from its package.json (dist/version.js sits one folder below it; a bundler inlines
// the file).
const pkg = require('../package.json') as { version?: string };

export const runtimeVersion: string = pkg.version ?? '0.0.0';

/** client-go's shape: `name/version (os/arch) runtime/version`. */
export const defaultUserAgent = `kubegen/${runtimeVersion} (${process.platform}/${process.arch}) node/${process.version}`;

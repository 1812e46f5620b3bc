// The Node.js versions Evergreen runs on (keep in step with "engines" in package.json). Plain
// JavaScript with no imports, so it runs — and can say what to install — on any older Node.
export const REQUIRED_NODE = '22.12';

/** Null when `version` ("22.12.0" or "v22.12.0") is new enough, else the message to print. */
export function nodeVersionProblem(version) {
  const [major = 0, minor = 0] = String(version).replace(/^v/, '').split('.').map(Number);
  const [needMajor, needMinor] = REQUIRED_NODE.split('.').map(Number);
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return [
    `Evergreen needs Node.js ${REQUIRED_NODE} or newer (22 LTS or later); this is Node.js ${version}.`,
    'Install Node.js 22 LTS from https://nodejs.org/ (or with your version manager: `nvm install 22`,',
    `\`fnm install 22\`), or from the npm registry: \`npm install --prefix ~/.evergreen-node ${pkg}@22\``,
    `and put ~/.evergreen-node/node_modules/${pkg}/bin first on PATH. Then run the command again.`,
  ].join('\n');
}

/** Exits with status 1 and the message above when the running Node.js is too old. */
export function requireSupportedNode() {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

// An ESLint rule that keeps each workspace's door the only way in: a relative import may not leave
// its workspace (another workspace is imported by its package name), and every package a file
// imports is declared in its workspace's package.json. Type-only imports and tests may also use
// the root's toolchain (jest, @types/*), which every workspace shares.
const { builtinModules } = require('node:module');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join, relative, resolve, sep } = require('node:path');

const BUILTINS = new Set(builtinModules);
const manifests = new Map();

/** The directory of the package.json nearest above `directory`, with what that manifest declares. */
const workspaceOf = (directory) => {
  if (manifests.has(directory)) return manifests.get(directory);
  const manifestPath = join(directory, 'package.json');
  let found;
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    found = {
      root: directory,
      name: manifest.name,
      isRoot: Array.isArray(manifest.workspaces),
      declared: new Set([
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.devDependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ]),
    };
  } else {
    found = dirname(directory) === directory ? undefined : workspaceOf(dirname(directory));
  }
  manifests.set(directory, found);
  return found;
};

const rootOf = (workspace) => (workspace.isRoot ? workspace : workspaceOf(dirname(workspace.root)));

/** 'zod/mini' → 'zod', '@aws-sdk/client-sfn/x' → '@aws-sdk/client-sfn'. */
const packageNameOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** @type {import('eslint').Rule.RuleModule} */
const importsByPackageName = {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports stay in their workspace; imported packages are declared' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const workspace = workspaceOf(dirname(file));
    if (!workspace) return {};
    const isTest = /\.test\.ts$|[/\\]testing[/\\]|[/\\]testing\.ts$/.test(file);
    const check = (node, specifier, typeOnly) => {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        const inside = relative(workspace.root, target);
        const targetWorkspace = workspaceOf(dirname(target));
        // A workspace's jest.config.js extends the root's shared preset: the toolchain, not a workspace.
        const sharedToolchain = targetWorkspace?.isRoot && /\.config\.[cm]?js$/.test(file);
        const leaves = inside.startsWith(`..${sep}`) || inside === '..' || targetWorkspace?.root !== workspace.root;
        if (leaves && !sharedToolchain) {
          context.report({
            node,
            message: `'${specifier}' leaves ${workspace.name}: import ${targetWorkspace?.name ?? 'that workspace'} by its package name`,
          });
        }
        return;
      }
      if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return;
      const name = packageNameOf(specifier);
      if (name === workspace.name) {
        context.report({ node, message: `${workspace.name} imports itself by name: import the module relatively` });
        return;
      }
      if (workspace.declared.has(name)) return;
      const root = rootOf(workspace);
      const shared = root && root.declared.has(name) && (typeOnly || isTest || workspace.isRoot);
      const typesOnly = typeOnly && root && root.declared.has(`@types/${name.replace(/^@/, '').replace('/', '__')}`);
      if (shared || typesOnly) return;
      context.report({
        node,
        message: `${name} is not declared in ${relative(process.cwd(), join(workspace.root, 'package.json'))}`,
      });
    };
    return {
      ImportDeclaration(node) {
        check(node, node.source.value, node.importKind === 'type');
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value, false);
      },
      CallExpression(node) {
        const {
          callee,
          arguments: [first],
        } = node;
        const isRequire = callee.type === 'Identifier' && callee.name === 'require';
        const isResolve =
          callee.type === 'MemberExpression' && callee.object.name === 'require' && callee.property.name === 'resolve';
        if ((isRequire || isResolve) && first?.type === 'Literal') check(node, first.value, false);
      },
    };
  },
};

module.exports = { rules: { 'imports-by-package-name': importsByPackageName } };

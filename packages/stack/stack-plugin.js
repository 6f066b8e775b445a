// Serverless loads plugins with Node's require; the plugin is TypeScript like the rest of the
// repository, so tsx compiles it (and only it) on the way in.
const { require: requireTypeScript } = require('tsx/cjs/api');

module.exports = requireTypeScript('./src/stack-plugin.ts', module.filename).StackPlugin;

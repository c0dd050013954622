// Jest loads global setup with plain require, without moduleNameMapper: map the workspace's
// path aliases here (jest's own transform still compiles the TypeScript).
const path = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../../../tsconfig.base.json');

register({ baseUrl: path.join(__dirname, '../../../..'), paths: compilerOptions.paths });
const { startSharedPlatform, stopSharedPlatform } = require('./shared-platform.setup.ts');

module.exports = startSharedPlatform;
module.exports.stopSharedPlatform = stopSharedPlatform;

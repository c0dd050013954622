const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

// tsc (not esbuild/swc-minify) keeps decorator metadata, which Nest's injection needs.
module.exports = {
  output: { path: join(__dirname, '../../dist', __dirname.split('/apps/')[1] ? `apps/${__dirname.split('/apps/')[1]}` : '') },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
  ],
};

# syntax=docker/dockerfile:1
# One image recipe for every Parley service, run from the repository root:
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=identity -t parley/identity:latest .
# (what `npx nx run identity:container` does). The image runs `node main.js` as the node user.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: the workspace's dependencies, then the one service with Nx and webpack ----
FROM ${NODE_IMAGE} AS build
ARG SERVICE
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<gateway|identity|...>" >&2; exit 1; }
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    CI=true
# The workspace's npm: npm 11 honours the allowScripts policy in package.json (which install
# scripts may run); the npm 10 in the base image would run them all.
RUN npm install --global npm@11.19.1 --no-audit --no-fund
WORKDIR /workspace

# Dependencies first: this layer is reused until package.json or package-lock.json change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .
RUN npx nx run "${SERVICE}:build"

# The service's runtime dependencies, from the package.json (and lockfile) that Nx generated
# next to main.js, installed under the workspace's script policy.
WORKDIR /workspace/dist/apps/${SERVICE}
RUN node -e "const fs = require('node:fs'); \
      const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')); \
      pkg.allowScripts = require('/workspace/package.json').allowScripts; \
      fs.writeFileSync('package.json', JSON.stringify(pkg, null, 2));" \
 && npm install --omit=dev --no-audit --no-fund \
 && rm -rf /root/.npm

# ---- runtime: main.js and its production node_modules, nothing else ----
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=build /workspace/dist/apps/${SERVICE}/ ./
# The node user of the base image, by number so Kubernetes' runAsNonRoot can verify it.
# The files stay root-owned: the service cannot rewrite its own code.
USER 1000:1000
# The gateway listens on PORT (8000); every other service on HEALTH_PORT for /health and /ready.
EXPOSE 8000 8080
CMD ["node", "main.js"]

import { getJestProjectsAsync } from '@nx/jest';

// One jest run over every project: parallel workers share one Postgres and one NATS,
// each test file isolated by its own schema and subject prefix.
export default async () => ({
  projects: await getJestProjectsAsync(),
  // A global option (ignored in project configs): tests that boot several services need more than
  // jest's 5 s default on two busy cores.
  testTimeout: 30_000,
});

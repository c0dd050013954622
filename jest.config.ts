import { getJestProjectsAsync } from '@nx/jest';

// One jest run over every project: parallel workers share one Postgres and one NATS,
// each test file isolated by its own schema and subject prefix.
export default async () => ({
  projects: await getJestProjectsAsync(),
});

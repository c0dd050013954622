import 'reflect-metadata';
import { loadGatewayConfig } from './gateway.config';
import { startGateway } from './gateway-bootstrap';

void startGateway(loadGatewayConfig()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { mergedFunctionEnvironment } from '../step-functions/in-process-lambdas';
import { recordingTopics } from '../step-functions/recording-topics';
import type { ServiceDefinition } from '../step-functions/service-definition';
import { startTopicsServer } from '../step-functions/topics-server';
import { createLocalEventBuses, type PutEvent } from './local-event-buses';

/**
 * EventBridge alone on loopback, for a test that runs a bundle which puts events: its endpoint (for
 * `AWS_ENDPOINT_URL_EVENTBRIDGE`), what was put, and a stop. The local stack serves the same API
 * on its SNS stand-in's endpoint.
 */
export const startLocalEventBridge = async ({ region, buses }: { region: string; buses: readonly string[] }) => {
  const eventBuses = createLocalEventBuses({ region, buses });
  const server = await startTopicsServer({ published: recordingTopics().published, eventBuses });
  return { endpoint: server.endpoint, events: eventBuses.events as readonly PutEvent[], stop: () => server.stop() };
};

/** The buses the service's functions are configured to put events on (ORDER_EVENTS_BUS), as CloudFormation would have created them. */
export const eventBusesOf = (service: Pick<ServiceDefinition, 'functions'>): string[] => {
  const bus = mergedFunctionEnvironment(service.functions).ORDER_EVENTS_BUS;
  return bus ? [bus] : [];
};

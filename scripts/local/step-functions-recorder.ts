import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
}

export interface StepFunctionsRecorder {
  readonly endpoint: string;
  readonly executions: ReadonlyMap<string, RecordedExecution>;
  /** Every StartExecution call received, duplicates included. */
  readonly startCalls: number;
  /** Answers the next `count` StartExecution calls with a 500, as an outage would. */
  failNextStarts(count: number): void;
  stop(): Promise<void>;
}

/**
 * A Step Functions endpoint (AWS JSON 1.0 protocol) that accepts StartExecution with AWS's
 * semantics (one execution per name; same name and input answers as the first call did, another
 * input is ExecutionAlreadyExists) and records it. It runs no workflow: the local workflow runner
 * is the local-stack issue's work.
 */
export const startStepFunctionsRecorder = async ({
  port = 0,
  onStart = () => undefined,
}: { port?: number; onStart?: (execution: RecordedExecution) => void } = {}): Promise<StepFunctionsRecorder> => {
  const executions = new Map<string, RecordedExecution>();
  let startCalls = 0;
  let failuresToInject = 0;

  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify(body));
  };
  const fail = (response: ServerResponse, type: string, message: string) =>
    reply(response, 400, { __type: type, message });

  const startExecution = (
    request: { stateMachineArn?: string; name?: string; input?: string },
    response: ServerResponse,
  ) => {
    startCalls += 1;
    if (failuresToInject > 0) {
      failuresToInject -= 1;
      return reply(response, 500, { __type: 'ServiceUnavailable', message: 'Injected outage' });
    }
    const { stateMachineArn, name, input = '{}' } = request;
    if (!stateMachineArn || !name) return fail(response, 'InvalidArn', 'stateMachineArn and name are required');
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = executions.get(executionArn);
    if (existing) {
      if (existing.input !== input)
        return fail(response, 'ExecutionAlreadyExists', `Execution already exists: '${executionArn}'`);
      return reply(response, 200, { executionArn, startDate: existing.startDate.getTime() / 1000 });
    }
    const execution = { executionArn, stateMachineArn, name, input, startDate: new Date() };
    executions.set(executionArn, execution);
    onStart(execution);
    return reply(response, 200, { executionArn, startDate: execution.startDate.getTime() / 1000 });
  };

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      let body: Record<string, string>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        return fail(response, 'SerializationException', 'Body is not JSON');
      }
      if (target === 'AWSStepFunctions.StartExecution') return startExecution(body, response);
      return fail(response, 'UnknownOperationException', `${target || 'This operation'} is not served locally yet`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    executions,
    get startCalls() {
      return startCalls;
    },
    failNextStarts(count) {
      failuresToInject = count;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

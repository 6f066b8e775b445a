import type { PublishedMessage } from './local/step-functions/local-task-handlers';

// npm run alerts [-- --sns-port N]   prints the alerts the running local stack has published.
const portFlag = process.argv.indexOf('--sns-port');
const port = portFlag >= 0 ? Number(process.argv[portFlag + 1]) : 8084;
const url = `http://127.0.0.1:${port}/messages`;

const main = async () => {
  let messages: PublishedMessage[];
  try {
    ({ messages } = (await (await fetch(url)).json()) as { messages: PublishedMessage[] });
  } catch {
    console.error(`Nothing answers at ${url}: is npm start running?`);
    process.exit(1);
  }
  if (messages.length === 0) {
    console.log('No alerts published.');
    return;
  }
  for (const message of messages) {
    let body = message.message;
    try {
      body = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      // Not JSON: print it as it is.
    }
    console.log(`${message.publishedAt}  ${message.topicArn}\n${message.subject ?? '(no subject)'}\n${body}\n`);
  }
  console.log(`${messages.length} alert${messages.length === 1 ? '' : 's'}.`);
};

void main();

import { EventStreamSerde, eventStreamSerdeProvider } from './event-streams-left-out';

describe('the event-stream codec a Lambda bundle leaves out', () => {
  it('fails by name, saying how to bundle it again, if a client ever reaches for it', () => {
    const reason = /SDK event streams are not in this Lambda's bundle: delete the @smithy\/core\/event-streams alias/;

    expect(() => eventStreamSerdeProvider()).toThrow(reason);
    expect(() => new EventStreamSerde()).toThrow(reason);
  });
});

import { canonicalParams, parseForm } from './form-encoding';

describe('parseForm', () => {
  it('reads nested hashes and arrays the way Stripe does', () => {
    expect(
      parseForm('amount=1299&metadata[order_id]=o-1&metadata[note]=a+b%26c&expand[0]=latest_charge&expand[1]=customer'),
    ).toEqual({
      amount: '1299',
      metadata: { order_id: 'o-1', note: 'a b&c' },
      expand: ['latest_charge', 'customer'],
    });
  });

  it('appends `[]` values in order and keeps a bare name as an empty value', () => {
    expect(parseForm('payment_method_types[]=card&payment_method_types[]=link&confirm&&')).toEqual({
      payment_method_types: ['card', 'link'],
      confirm: '',
    });
  });

  it('lets a later nested value replace an earlier plain one', () => {
    expect(parseForm('metadata=&metadata[a]=1')).toEqual({ metadata: { a: '1' } });
  });
});

describe('canonicalParams', () => {
  it('is the same text whatever order the parameters came in, and differs when a value does', () => {
    const first = canonicalParams(parseForm('a=1&metadata[x]=1&metadata[y]=2'));
    expect(canonicalParams(parseForm('metadata[y]=2&a=1&metadata[x]=1'))).toBe(first);
    expect(canonicalParams(parseForm('metadata[y]=3&a=1&metadata[x]=1'))).not.toBe(first);
  });
});

import { describe, expect, it } from 'vitest';
import { EMPTY_PAYLOAD_HASH, presignUrl, signRequest } from './sign-v4.ts';

// The worked examples of Amazon S3's documentation of Signature Version 4 ("Examples: Signature
// Calculations"): example keys, bucket `examplebucket`, 24 May 2013.
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const day = new Date('2013-05-24T00:00:00Z');

describe('Signature Version 4', () => {
  it('signs the documentation’s GET Object request in the Authorization header', () => {
    const headers = signRequest(
      credentials,
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { Range: 'bytes=0-9' },
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
      day,
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });

  it('presigns the documentation’s GET URL, valid for a day', () => {
    const url = presignUrl(
      credentials,
      new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      86_400,
      day,
    );
    expect(url.searchParams.get('X-Amz-Signature')).toBe(
      'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
    expect(url.searchParams.get('X-Amz-Credential')).toBe(
      'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request',
    );
  });

  it('signs differently for another key, path or time, and refuses a lifetime S3 would', () => {
    const base = new URL('https://examplebucket.s3.amazonaws.com/test.txt');
    const signature = (c = credentials, url = base, at = day) =>
      presignUrl(c, url, 600, at).searchParams.get('X-Amz-Signature');
    const reference = signature();
    expect(signature({ ...credentials, secretAccessKey: 'other' })).not.toBe(reference);
    expect(
      signature(credentials, new URL('https://examplebucket.s3.amazonaws.com/test2.txt')),
    ).not.toBe(reference);
    expect(signature(credentials, base, new Date(day.getTime() + 1000))).not.toBe(reference);
    expect(() => presignUrl(credentials, base, 604_801, day)).toThrow(RangeError);
    expect(() => presignUrl(credentials, base, 0, day)).toThrow(RangeError);
  });
});

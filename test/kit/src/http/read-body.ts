/**
 * The JSON body of a test answer, loosely typed for assertions (the protocol's client parses
 * answers strictly; tests assert on them field by field).
 *
 * @example
 * const body = await readBody(app.request('/v1/status'));
 */
// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary fields of the answer.
export async function readBody(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

// The offscreen document (Chrome): parses fetched pages for the worker and reads the battery.
import { handleOffscreenMessage } from '../lib/offscreen/handle-offscreen-message.ts';

chrome.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
  const answer = handleOffscreenMessage(message);
  if (!answer) return false;
  void answer.then(sendResponse);
  return true;
});

export default function Offscreen() {
  return null;
}

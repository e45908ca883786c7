// Times the answer of a session with a long queue (answerJsonFigures) and sends the figures to the benchmark that
// forked it: in a process of its own, with the node flags and environment npm start gives the proxy.
import { answerJsonFigures } from './support/answer-json.js';

process.send!(answerJsonFigures(), () => process.disconnect());
